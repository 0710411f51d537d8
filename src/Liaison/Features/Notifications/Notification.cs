using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Notifications;

/// <summary>
/// A call to one officer (or, when nobody was on duty at a rung, to the whole desk) about a record that needs
/// attention. The row itself is the in-app delivery; other channels send a copy of it.
/// </summary>
public sealed class Notification
{
    public const string DeskWide = "desk";

    private Notification()
    {
    }

    /// <summary>A notification for <paramref name="officerName"/>; a null officer means the whole desk.</summary>
    public Notification(string recordType, int? alertId, string? recordId, long? stepId, string? rung, int? officerId, string? officerName, string? contacts, string text, string channel, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        RecordType = recordType;
        AlertId = alertId;
        RecordId = recordId;
        StepId = stepId;
        Rung = rung;
        OfficerId = officerId;
        OfficerName = officerName ?? DeskWide;
        Contacts = contacts;
        Text = text.Length > 2000 ? text[..2000] : text;
        Channel = channel;
        CreatedAt = now;
        DeliveredAt = now;
    }

    public long Id { get; private set; }

    /// <summary>What it is about: <c>alert</c> for now.</summary>
    public string RecordType { get; private set; } = "";

    public int? AlertId { get; private set; }

    /// <summary>The record's STIX id.</summary>
    public string? RecordId { get; private set; }

    public long? StepId { get; private set; }

    public string? Rung { get; private set; }

    public int? OfficerId { get; private set; }

    /// <summary>The officer's name, or <see cref="DeskWide"/> for the whole desk.</summary>
    public string OfficerName { get; private set; } = "";

    /// <summary>The officer's contact channels as written on the roster when it was sent (<c>phone: …; radio: …</c>).</summary>
    public string? Contacts { get; private set; }

    public string Text { get; private set; } = "";

    /// <summary>The channel whose delivery this row records (<c>in-app</c>).</summary>
    public string Channel { get; private set; } = "";

    public DateTime CreatedAt { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

    public string? ReadBy { get; private set; }

    public DateTime? ReadAt { get; private set; }

    public bool IsDeskWide => OfficerId is null;

    /// <summary>Marks it read; the first reader is kept.</summary>
    public bool Read(string by, DateTime now)
    {
        if (ReadAt is not null)
        {
            return false;
        }

        ReadBy = by;
        ReadAt = now;
        return true;
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.Property(n => n.RecordType).HasMaxLength(40);
        builder.Property(n => n.RecordId).HasMaxLength(100);
        builder.Property(n => n.Rung).HasMaxLength(40);
        builder.Property(n => n.OfficerName).HasMaxLength(200);
        builder.Property(n => n.Contacts).HasMaxLength(2000);
        builder.Property(n => n.Text).HasMaxLength(2000);
        builder.Property(n => n.Channel).HasMaxLength(40);
        builder.Property(n => n.ReadBy).HasMaxLength(200);
        builder.HasOne<Alerts.Alert>().WithMany().HasForeignKey(n => n.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.ReadAt, n.Id });
        builder.HasIndex(n => n.AlertId);
        builder.HasIndex(n => n.StepId);
    }
}
