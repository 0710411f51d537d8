using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Escalation;

/// <summary>Who one step of the ladder calls, in the order an unanswered alert climbs.</summary>
public enum EscalationRung
{
    DutyOfficer,
    Supervisor,
    HeadOfDesk,
    EveryoneOnDuty,
}

public enum EscalationStepState
{
    Pending,
    Fired,
    Cancelled,
}

/// <summary>The rungs as the API and the configuration spell them.</summary>
public static class EscalationRungs
{
    private static readonly Dictionary<string, EscalationRung> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["duty-officer"] = EscalationRung.DutyOfficer,
        ["supervisor"] = EscalationRung.Supervisor,
        ["head-of-desk"] = EscalationRung.HeadOfDesk,
        ["everyone-on-duty"] = EscalationRung.EveryoneOnDuty,
    };

    public static EscalationRung? Parse(string? name) => name is not null && ByName.TryGetValue(name, out var rung) ? rung : null;

    public static string Name(EscalationRung rung) => ByName.First(r => r.Value == rung).Key;
}

/// <summary>
/// One planned step of an alert's duty ladder. It is fired at most once: the timer claims it with a conditional
/// update (pending → fired) in the same transaction as the notifications it writes; acknowledgement cancels it.
/// </summary>
public sealed class EscalationStep
{
    private EscalationStep()
    {
    }

    internal EscalationStep(int alertId, int index, EscalationRung rung, DateTime dueAt, DateTime now)
    {
        AlertId = alertId;
        Index = index;
        Rung = rung;
        DueAt = dueAt;
        PlannedAt = now;
        State = EscalationStepState.Pending;
    }

    public long Id { get; private set; }

    public int AlertId { get; private set; }

    /// <summary>0 for the first rung called, then 1, 2, …</summary>
    public int Index { get; private set; }

    public EscalationRung Rung { get; private set; }

    public DateTime DueAt { get; private set; }

    public DateTime PlannedAt { get; private set; }

    public EscalationStepState State { get; private set; }

    public DateTime? FiredAt { get; private set; }

    /// <summary>How long after <see cref="DueAt"/> it fired (a node that was down fires late, once).</summary>
    public double? LateSeconds { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    /// <summary>How many officers it notified; 0 means nobody was on duty at its rung.</summary>
    public int? Notified { get; private set; }
}

internal sealed class EscalationStepConfiguration : IEntityTypeConfiguration<EscalationStep>
{
    public void Configure(EntityTypeBuilder<EscalationStep> builder)
    {
        builder.ToTable("escalation_steps");
        builder.Property(s => s.Rung).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<Alerts.Alert>().WithMany().HasForeignKey(s => s.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.AlertId, s.Index }).IsUnique();
        builder.HasIndex(s => new { s.State, s.DueAt });
    }
}
