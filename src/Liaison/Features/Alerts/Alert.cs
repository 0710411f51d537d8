using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Alerts;

public enum AlertStatus
{
    Active,
    Cancelled,
    Closed,
}

/// <summary>What an alert says: everything its originator can change with an update.</summary>
public sealed record AlertContent(
    Precedence Precedence,
    string Title,
    string? Description,
    AlertArea? Area,
    IReadOnlyList<string> SectorCodes,
    DateTime ValidFrom,
    DateTime ValidUntil,
    TlpLevel Tlp,
    IReadOnlyList<string> Recipients);

/// <summary>
/// A threat warning, sent by this node's party or received from a partner. Only the originator issues versions
/// (raise, update, cancel, close), each with a later <see cref="ModifiedAt"/> and a higher <see cref="Revision"/>;
/// a partner's alert is read-only here. Each addressed party has a <see cref="AlertRecipient"/> row with its
/// acknowledgement deadline and what became of it; a received alert has one row, for this node's own party.
/// </summary>
public sealed class Alert
{
    private Alert()
    {
    }

    public int Id { get; private set; }

    /// <summary><c>liaison-alert--uuid</c>, the same on every node that holds the alert.</summary>
    public string StixId { get; private set; } = "";

    public int OriginPartyId { get; private set; }

    public Party OriginParty { get; private set; } = null!;

    public Precedence Precedence { get; private set; }

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    /// <summary>The area as GeoJSON Polygon or Circle JSON (see <see cref="AlertArea"/>); null when only sectors are named.</summary>
    public string? AreaJson { get; private set; }

    public double? MinLatitude { get; private set; }

    public double? MinLongitude { get; private set; }

    public double? MaxLatitude { get; private set; }

    public double? MaxLongitude { get; private set; }

    public List<string> SectorCodes { get; private set; } = [];

    public DateTime ValidFrom { get; private set; }

    public DateTime ValidUntil { get; private set; }

    public TlpLevel Tlp { get; private set; }

    /// <summary>The parties the originator named; empty means every partner the TLP allows (resolved into <see cref="Recipients"/> rows).</summary>
    public List<string> AddressedTo { get; private set; } = [];

    public AlertStatus Status { get; private set; }

    public int Revision { get; private set; }

    public string? StatusReason { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>STIX <c>modified</c> of the current version.</summary>
    public DateTime ModifiedAt { get; private set; }

    /// <summary>When this node sent it (own alert) or first received it (a partner's).</summary>
    public DateTime SentAt { get; private set; }

    /// <summary>The user who raised it, or the originating party's name for a received alert.</summary>
    public string RaisedBy { get; private set; } = "";

    public List<AlertRecipient> Recipients { get; private set; } = [];

    public List<AlertEvent> Events { get; private set; } = [];

    public AlertArea? Area => AreaJson is null ? null : AlertArea.FromJson(AreaJson);

    public AlertContent Content => new(Precedence, Title, Description, Area, SectorCodes, ValidFrom, ValidUntil, Tlp, AddressedTo);

    public bool IsReceived => !OriginParty.IsSelf;

    public static Alert Raise(Party origin, AlertContent content, IEnumerable<Addressee> addressees, string raisedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(addressees);
        var alert = new Alert
        {
            StixId = Protocol.Stix.StixId.NewRandom(LiaisonAlert.TypeName).ToString(),
            OriginParty = origin,
            OriginPartyId = origin.Id,
            Status = AlertStatus.Active,
            Revision = 1,
            CreatedAt = now,
            ModifiedAt = now,
            SentAt = now,
            RaisedBy = raisedBy,
        };
        alert.Apply(content);
        foreach (var (party, window) in addressees)
        {
            alert.Recipients.Add(new AlertRecipient(party, now + window, now, now));
        }

        alert.Events.Add(new AlertEvent(AlertEvents.Raised, now, raisedBy, null, $"{Precedences.Name(content.Precedence)}: {content.Title}"));
        return alert;
    }

    /// <summary>A partner's alert as first received; <paramref name="deadline"/> is this party's, when the alert is addressed to it.</summary>
    public static Alert Received(Party origin, Party self, LiaisonAlert stix, AlertContent content, DateTime? deadline, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(stix);
        var alert = new Alert
        {
            StixId = stix.Id.ToString(),
            OriginParty = origin,
            OriginPartyId = origin.Id,
            CreatedAt = stix.Created.UtcDateTime,
            SentAt = now,
            RaisedBy = origin.Name,
        };
        alert.TakeVersion(stix, content);
        if (deadline is { } due)
        {
            alert.Recipients.Add(new AlertRecipient(self, due, now, stix.Modified.UtcDateTime));
        }

        alert.Events.Add(new AlertEvent(AlertEvents.Received, now, origin.Name, null, $"{stix.Precedence}: {stix.Title} (revision {stix.Revision})"));
        return alert;
    }

    /// <summary>Takes a later version from the originator; an older one arriving late changes nothing. Answers whether it was taken.</summary>
    public bool Receive(LiaisonAlert stix, AlertContent content, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(stix);
        if (stix.Modified.UtcDateTime <= ModifiedAt)
        {
            return false;
        }

        var before = Status;
        TakeVersion(stix, content);
        var kind = Status == before ? AlertEvents.Updated : Status == AlertStatus.Cancelled ? AlertEvents.Cancelled : AlertEvents.Closed;
        Events.Add(new AlertEvent(kind, now, OriginParty.Name, null, $"revision {Revision}" + (StatusReason is null ? "" : $": {StatusReason}")));
        return true;
    }

    /// <summary>A new version with new content; parties newly addressed get their own deadlines from now.</summary>
    public void Update(AlertContent content, IEnumerable<Addressee> addedAddressees, string by, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(addedAddressees);
        RequireActive();
        Apply(content);
        NextVersion(now);
        foreach (var (party, window) in addedAddressees)
        {
            Recipients.Add(new AlertRecipient(party, now + window, now, ModifiedAt));
        }

        Events.Add(new AlertEvent(AlertEvents.Updated, now, by, null, $"revision {Revision}"));
    }

    public void Cancel(string? reason, string by, DateTime now) => End(AlertStatus.Cancelled, AlertEvents.Cancelled, reason, by, now);

    public void Close(string? reason, string by, DateTime now) => End(AlertStatus.Closed, AlertEvents.Closed, reason, by, now);

    private void End(AlertStatus status, string kind, string? reason, string by, DateTime now)
    {
        RequireActive();
        Status = status;
        StatusReason = reason;
        NextVersion(now);
        Events.Add(new AlertEvent(kind, now, by, null, reason));
    }

    private void RequireActive()
    {
        if (Status != AlertStatus.Active)
        {
            throw new InvalidOperationException($"alert {StixId} is {Status}");
        }
    }

    private void NextVersion(DateTime now)
    {
        // STIX 2.1 §3.6: each new version has a later `modified`; keep it strictly increasing even if the clock is not.
        ModifiedAt = now > ModifiedAt ? now : ModifiedAt.AddMilliseconds(1);
        Revision++;
    }

    private void TakeVersion(LiaisonAlert stix, AlertContent content)
    {
        Apply(content);
        ModifiedAt = stix.Modified.UtcDateTime;
        Revision = stix.Revision;
        Status = stix.Status switch
        {
            "cancelled" => AlertStatus.Cancelled,
            "closed" => AlertStatus.Closed,
            _ => AlertStatus.Active,
        };
        StatusReason = stix.StatusReason;
    }

    private void Apply(AlertContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Precedence = content.Precedence;
        Title = content.Title;
        Description = content.Description;
        AreaJson = content.Area?.ToJson();
        var bounds = content.Area?.Bounds();
        MinLongitude = bounds?.MinLon;
        MinLatitude = bounds?.MinLat;
        MaxLongitude = bounds?.MaxLon;
        MaxLatitude = bounds?.MaxLat;
        SectorCodes = [.. content.SectorCodes];
        ValidFrom = content.ValidFrom;
        ValidUntil = content.ValidUntil;
        Tlp = content.Tlp;
        AddressedTo = [.. content.Recipients];
    }
}

/// <summary>
/// One addressed party's state for one alert: its deadline, the delivery of the alert to it (with the partner's
/// signed receipt), and its acknowledgement — on time or late — or the moment it became overdue.
/// </summary>
public sealed class AlertRecipient
{
    private AlertRecipient()
    {
    }

    internal AlertRecipient(Party party, DateTime deadline, DateTime addressedAt, DateTime addressedVersionAt)
    {
        Party = party;
        PartyId = party.Id;
        Deadline = deadline;
        AddressedAt = addressedAt;
        AddressedVersionAt = addressedVersionAt;
    }

    public int Id { get; private set; }

    public int AlertId { get; private set; }

    public int PartyId { get; private set; }

    public Party Party { get; private set; } = null!;

    public DateTime Deadline { get; private set; }

    /// <summary>When the alert was first sent to (or, on the receiving node, received by) this party.</summary>
    public DateTime AddressedAt { get; private set; }

    /// <summary>The <c>modified</c> of the first version sent to this party: its delivery is the one that counts.</summary>
    public DateTime AddressedVersionAt { get; private set; }

    /// <summary>When the outbox delivery of that version to the party was confirmed by its signed TAXII status.</summary>
    public DateTime? DeliveredAt { get; private set; }

    /// <summary>The <see cref="Exchange.DeliveryReceipt"/> holding that signed status.</summary>
    public long? ReceiptId { get; private set; }

    /// <summary>The <c>liaison-acknowledgement--uuid</c> that acknowledged it.</summary>
    public string? AcknowledgementId { get; private set; }

    /// <summary>When the party acknowledged, as its acknowledgement says (bounded by when it could have; see <see cref="Acknowledge"/>).</summary>
    public DateTime? AcknowledgedAt { get; private set; }

    /// <summary>When this node recorded the acknowledgement.</summary>
    public DateTime? AcknowledgementRecordedAt { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public string? Response { get; private set; }

    public string? ActionTaken { get; private set; }

    public bool? OnTime { get; private set; }

    /// <summary>When the deadline passed unacknowledged and this node marked it so (once).</summary>
    public DateTime? OverdueAt { get; private set; }

    public bool IsAcknowledged => AcknowledgedAt is not null;

    public bool IsOverdue(DateTime now) => AcknowledgedAt is null && Deadline <= now;

    /// <summary>
    /// Records the party's acknowledgement. The time it states is trusted only within what is possible: not before
    /// the alert reached it, not after this node heard of it; on time means by the deadline.
    /// </summary>
    public bool Acknowledge(string acknowledgementId, DateTime stated, string by, string? response, string? actionTaken, DateTime now)
    {
        if (IsAcknowledged)
        {
            return false;
        }

        var at = stated < AddressedAt ? AddressedAt : stated > now ? now : stated;
        AcknowledgementId = acknowledgementId;
        AcknowledgedAt = at;
        AcknowledgementRecordedAt = now;
        AcknowledgedBy = by;
        Response = response;
        ActionTaken = actionTaken;
        OnTime = at <= Deadline;
        return true;
    }

    public void Delivered(DateTime at, long? receiptId)
    {
        DeliveredAt ??= at;
        ReceiptId ??= receiptId;
    }

    /// <summary>The deadline on the receiving node follows the originator's latest version.</summary>
    internal void MoveDeadline(DateTime deadline)
    {
        if (!IsAcknowledged)
        {
            Deadline = deadline;
        }
    }
}

internal sealed class AlertConfiguration : IEntityTypeConfiguration<Alert>
{
    public void Configure(EntityTypeBuilder<Alert> builder)
    {
        builder.ToTable("alerts");
        builder.Property(a => a.StixId).HasMaxLength(100);
        builder.HasIndex(a => a.StixId).IsUnique();
        builder.HasOne(a => a.OriginParty).WithMany().HasForeignKey(a => a.OriginPartyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(a => a.Precedence).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Tlp).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Description).HasMaxLength(10_000);
        builder.Property(a => a.StatusReason).HasMaxLength(2000);
        builder.Property(a => a.RaisedBy).HasMaxLength(200);
        builder.HasIndex(a => new { a.Status, a.Id });
        builder.HasIndex(a => new { a.OriginPartyId, a.Id });
        builder.HasMany(a => a.Recipients).WithOne().HasForeignKey(r => r.AlertId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Events).WithOne().HasForeignKey(e => e.AlertId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AlertRecipientConfiguration : IEntityTypeConfiguration<AlertRecipient>
{
    public void Configure(EntityTypeBuilder<AlertRecipient> builder)
    {
        builder.ToTable("alert_recipients");
        builder.HasOne(r => r.Party).WithMany().HasForeignKey(r => r.PartyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.AlertId, r.PartyId }).IsUnique();
        builder.HasIndex(r => new { r.AcknowledgedAt, r.OverdueAt, r.Deadline });
        builder.Property(r => r.AcknowledgementId).HasMaxLength(100);
        builder.Property(r => r.AcknowledgedBy).HasMaxLength(200);
        builder.Property(r => r.Response).HasMaxLength(4000);
        builder.Property(r => r.ActionTaken).HasMaxLength(4000);
    }
}
