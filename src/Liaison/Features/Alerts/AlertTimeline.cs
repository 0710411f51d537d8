using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Alerts;

/// <summary>The kinds of event on an alert's timeline; the escalation feature adds its own kinds.</summary>
public static class AlertEvents
{
    public const string Raised = "raised";
    public const string Received = "received";
    public const string Delivered = "delivered";
    public const string Acknowledged = "acknowledged";
    public const string Overdue = "overdue";
    public const string Updated = "updated";
    public const string Cancelled = "cancelled";
    public const string Closed = "closed";
}

/// <summary>One thing that happened to an alert, in the order it happened. Never changed once written.</summary>
public sealed class AlertEvent
{
    private AlertEvent()
    {
    }

    internal AlertEvent(string kind, DateTime at, string? actor, string? party, string? detail)
    {
        Kind = kind;
        At = at;
        Actor = actor;
        Party = party;
        Detail = detail is { Length: > 2000 } ? detail[..2000] : detail;
    }

    public long Id { get; private set; }

    public int AlertId { get; private set; }

    /// <summary>See <see cref="AlertEvents"/>; escalation steps use their own kinds.</summary>
    public string Kind { get; private set; } = "";

    public DateTime At { get; private set; }

    /// <summary>Who did it: a user name, a party name, or null for the node itself (timers).</summary>
    public string? Actor { get; private set; }

    /// <summary>The STIX identity of the party it concerns, when it concerns one addressed party.</summary>
    public string? Party { get; private set; }

    public string? Detail { get; private set; }
}

/// <summary>Adds to an alert's timeline inside the caller's transaction (the caller saves).</summary>
public static class AlertTimeline
{
    public static Task AddAsync(LiaisonDbContext db, int alertId, string kind, string? detail, DateTime at, CancellationToken cancellationToken = default) =>
        AddAsync(db, alertId, kind, detail, at, actor: null, party: null, cancellationToken);

    public static Task AddAsync(
        LiaisonDbContext db, int alertId, string kind, string? detail, DateTime at, string? actor, string? party, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        var entry = new AlertEvent(kind, at, actor, party, detail);
        db.Add(entry);
        db.Entry(entry).Property(e => e.AlertId).CurrentValue = alertId;
        return Task.CompletedTask;
    }

    /// <summary>The timeline of one alert, oldest first.</summary>
    public static async Task<IReadOnlyList<AlertEvent>> ReadAsync(LiaisonDbContext db, int alertId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<AlertEvent>().AsNoTracking().Where(e => e.AlertId == alertId).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
    }
}

internal sealed class AlertEventConfiguration : IEntityTypeConfiguration<AlertEvent>
{
    public void Configure(EntityTypeBuilder<AlertEvent> builder)
    {
        builder.ToTable("alert_events");
        builder.Property(e => e.Kind).HasMaxLength(60);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Party).HasMaxLength(100);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.HasIndex(e => new { e.AlertId, e.At });
    }
}
