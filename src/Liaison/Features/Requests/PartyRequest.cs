using Liaison.Features.Alerts;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Requests;

/// <summary>Information asked for, or assistance.</summary>
public enum RequestKind
{
    Information,
    Assistance,
}

/// <summary>The addressee's final word on a request: it answered, or it declined.</summary>
public enum RequestOutcome
{
    Answered,
    Declined,
}

/// <summary>What a request asks: everything its requester writes when sending it.</summary>
public sealed record RequestContent(
    RequestKind Kind,
    string Subject,
    IReadOnlyList<string> Questions,
    Precedence Priority,
    DateTime Due,
    TlpLevel Tlp,
    IReadOnlyList<string> SectorCodes,
    IReadOnlyList<string> RecordRefs);

/// <summary>
/// A request for information or assistance from one party (the requester) to one partner (the addressee), held on
/// both nodes under the same STIX id. Each side writes only its own part: the requester sends and may withdraw
/// (versions of the <c>liaison-request</c>); the addressee acknowledges, then answers or declines (its own
/// <c>liaison-response</c> objects). The same row type holds both directions; <see cref="IsReceived"/> tells which.
/// Both nodes mark the request overdue once, at its due time, if neither an answer nor a refusal came.
/// </summary>
public sealed class PartyRequest
{
    private PartyRequest()
    {
    }

    public int Id { get; private set; }

    /// <summary><c>liaison-request--uuid</c>, the same on both nodes.</summary>
    public string StixId { get; private set; } = "";

    public int OriginPartyId { get; private set; }

    public Party OriginParty { get; private set; } = null!;

    public int AddresseePartyId { get; private set; }

    public Party AddresseeParty { get; private set; } = null!;

    public RequestKind Kind { get; private set; }

    public string Subject { get; private set; } = "";

    public List<string> Questions { get; private set; } = [];

    /// <summary>How urgent, on the alerts' precedence scale (FLASH highest).</summary>
    public Precedence Priority { get; private set; }

    public DateTime Due { get; private set; }

    public TlpLevel Tlp { get; private set; }

    public List<string> SectorCodes { get; private set; } = [];

    /// <summary>STIX ids of records the request refers to.</summary>
    public List<string> RecordRefs { get; private set; } = [];

    public DateTime CreatedAt { get; private set; }

    /// <summary>STIX <c>modified</c> of the requester's latest version.</summary>
    public DateTime ModifiedAt { get; private set; }

    /// <summary>When the requester sent it (own) or this node received it (a partner's).</summary>
    public DateTime SentAt { get; private set; }

    /// <summary>The user who wrote it, or the requesting party's name for a received request.</summary>
    public string RequestedBy { get; private set; } = "";

    /// <summary>Own: when the addressee's signed TAXII status confirmed delivery. Received: when it arrived here.</summary>
    public DateTime? DeliveredAt { get; private set; }

    public long? ReceiptId { get; private set; }

    public string? AcknowledgementId { get; private set; }

    public DateTime? AcknowledgedAt { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public string? ResponseId { get; private set; }

    public RequestOutcome? Outcome { get; private set; }

    public DateTime? RespondedAt { get; private set; }

    public string? RespondedBy { get; private set; }

    public string? AnswerText { get; private set; }

    public string? DeclineReason { get; private set; }

    /// <summary>STIX ids of records the answer refers to.</summary>
    public List<string> AnswerRefs { get; private set; } = [];

    /// <summary>True when the answer or refusal came by the due time.</summary>
    public bool? OnTime { get; private set; }

    public DateTime? WithdrawnAt { get; private set; }

    /// <summary>When the due time passed with no answer or refusal and this node marked it so (once).</summary>
    public DateTime? OverdueAt { get; private set; }

    public List<RequestEvent> Events { get; private set; } = [];

    public bool IsReceived => !OriginParty.IsSelf;

    /// <summary>Neither answered nor declined, and not withdrawn: the addressee still owes a response.</summary>
    public bool IsOpen => Outcome is null && WithdrawnAt is null;

    public bool IsOverdue(DateTime now) => IsOpen && Due <= now;

    public RequestContent Content => new(Kind, Subject, Questions, Priority, Due, Tlp, SectorCodes, RecordRefs);

    /// <summary>
    /// sent, delivered, acknowledged, answered, declined or withdrawn. A response that crossed a withdrawal still
    /// shows: what the addressee said is worth more than the fact the requester stopped waiting.
    /// </summary>
    public string State => Outcome is { } outcome ? RequestStix.Wire(outcome)
        : WithdrawnAt is not null ? RequestStates.Withdrawn
        : AcknowledgedAt is not null ? RequestStates.Acknowledged
        : DeliveredAt is not null ? RequestStates.Delivered
        : RequestStates.Sent;

    public static PartyRequest Send(Party self, Party addressee, RequestContent content, string by, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(addressee);
        var request = new PartyRequest
        {
            StixId = Protocol.Stix.StixId.NewRandom(LiaisonRequest.TypeName).ToString(),
            OriginParty = self,
            OriginPartyId = self.Id,
            AddresseeParty = addressee,
            AddresseePartyId = addressee.Id,
            CreatedAt = now,
            ModifiedAt = now,
            SentAt = now,
            RequestedBy = by,
        };
        request.Apply(content);
        request.Events.Add(new RequestEvent(RequestEvents.Sent, now, by, addressee.StixId, content.Subject));
        return request;
    }

    /// <summary>A partner's request to this party, as first received.</summary>
    public static PartyRequest Received(Party from, Party self, LiaisonRequest stix, RequestContent content, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(stix);
        var request = new PartyRequest
        {
            StixId = stix.Id.ToString(),
            OriginParty = from,
            OriginPartyId = from.Id,
            AddresseeParty = self,
            AddresseePartyId = self.Id,
            CreatedAt = stix.Created.UtcDateTime,
            ModifiedAt = stix.Modified.UtcDateTime,
            SentAt = now,
            DeliveredAt = now,
            RequestedBy = from.Name,
        };
        request.Apply(content);
        request.Events.Add(new RequestEvent(RequestEvents.Received, now, from.Name, from.StixId, content.Subject));
        if (stix.Status == "withdrawn")
        {
            request.WithdrawnAt = stix.Modified.UtcDateTime;
            request.Events.Add(new RequestEvent(RequestEvents.Withdrawn, now, from.Name, from.StixId, null));
        }

        return request;
    }

    /// <summary>Takes a later version from the requester (only a withdrawal changes anything); answers whether it was taken.</summary>
    public bool Receive(LiaisonRequest stix, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(stix);
        if (stix.Modified.UtcDateTime <= ModifiedAt)
        {
            return false;
        }

        ModifiedAt = stix.Modified.UtcDateTime;
        if (stix.Status == "withdrawn" && WithdrawnAt is null)
        {
            WithdrawnAt = Bounded(stix.Modified.UtcDateTime, now);
            Events.Add(new RequestEvent(RequestEvents.Withdrawn, now, OriginParty.Name, OriginParty.StixId, null));
        }

        return true;
    }

    /// <summary>The requester withdraws its own open request: a new version with a later <c>modified</c>.</summary>
    public void Withdraw(string by, DateTime now)
    {
        if (!IsOpen)
        {
            throw new InvalidOperationException($"request {StixId} is {State}");
        }

        // STIX 2.1 §3.6: each new version has a later `modified`, even if the clock is not later.
        ModifiedAt = now > ModifiedAt ? now : ModifiedAt.AddMilliseconds(1);
        WithdrawnAt = now;
        Events.Add(new RequestEvent(RequestEvents.Withdrawn, now, by, OriginParty.StixId, null));
    }

    /// <summary>Records the addressee's acknowledgement once; answers whether it was new.</summary>
    public bool Acknowledge(string acknowledgementId, DateTime stated, string by, DateTime now)
    {
        if (AcknowledgedAt is not null)
        {
            return false;
        }

        AcknowledgementId = acknowledgementId;
        AcknowledgedAt = Bounded(stated, now);
        AcknowledgedBy = by;
        Events.Add(new RequestEvent(RequestEvents.Acknowledged, now, by, AddresseeParty.StixId, null));
        return true;
    }

    /// <summary>
    /// Records the addressee's answer or refusal, once; answers whether it was new. The time it states is trusted
    /// only within what is possible: not before the request was sent, not after this node heard of it.
    /// </summary>
    public bool Respond(string responseId, RequestOutcome outcome, string? text, string? reason, IReadOnlyList<string> refs, DateTime stated, string by, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(refs);
        if (Outcome is not null)
        {
            return false;
        }

        var at = Bounded(stated, now);
        ResponseId = responseId;
        Outcome = outcome;
        AnswerText = text;
        DeclineReason = reason;
        AnswerRefs = [.. refs];
        RespondedAt = at;
        RespondedBy = by;
        OnTime = at <= Due;
        var kind = outcome == RequestOutcome.Answered ? RequestEvents.Answered : RequestEvents.Declined;
        Events.Add(new RequestEvent(kind, now, by, AddresseeParty.StixId, (OnTime == true ? "on time" : "late") + (reason is null ? "" : $": {reason}")));
        return true;
    }

    public void Delivered(DateTime at, long? receiptId)
    {
        if (DeliveredAt is not null)
        {
            return;
        }

        DeliveredAt = at;
        ReceiptId = receiptId;
        Events.Add(new RequestEvent(RequestEvents.Delivered, at, null, AddresseeParty.StixId, $"{AddresseeParty.Name}: signed receipt {receiptId}"));
    }

    private DateTime Bounded(DateTime stated, DateTime now) => stated < CreatedAt ? CreatedAt : stated > now ? now : stated;

    private void Apply(RequestContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Kind = content.Kind;
        Subject = content.Subject;
        Questions = [.. content.Questions];
        Priority = content.Priority;
        Due = content.Due;
        Tlp = content.Tlp;
        SectorCodes = [.. content.SectorCodes];
        RecordRefs = [.. content.RecordRefs];
    }
}

/// <summary>The states a request shows, in the API and on the desk.</summary>
public static class RequestStates
{
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Acknowledged = "acknowledged";
    public const string Answered = "answered";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";

    public static readonly IReadOnlyList<string> All = [Sent, Delivered, Acknowledged, Answered, Declined, Withdrawn];
}

/// <summary>The kinds of event on a request's timeline.</summary>
public static class RequestEvents
{
    public const string Sent = "sent";
    public const string Received = "received";
    public const string Delivered = "delivered";
    public const string Acknowledged = "acknowledged";
    public const string Answered = "answered";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";
    public const string Overdue = "overdue";
}

/// <summary>One thing that happened to a request, in the order this node learned it. Never changed once written.</summary>
public sealed class RequestEvent
{
    private RequestEvent()
    {
    }

    internal RequestEvent(string kind, DateTime at, string? actor, string? party, string? detail)
    {
        Kind = kind;
        At = at;
        Actor = actor;
        Party = party;
        Detail = detail is { Length: > 2000 } ? detail[..2000] : detail;
    }

    public long Id { get; private set; }

    public int RequestId { get; private set; }

    public string Kind { get; private set; } = "";

    public DateTime At { get; private set; }

    /// <summary>A user name, a party name, or null for the node itself (timers).</summary>
    public string? Actor { get; private set; }

    /// <summary>The STIX identity of the party it concerns.</summary>
    public string? Party { get; private set; }

    public string? Detail { get; private set; }
}

internal sealed class PartyRequestConfiguration : IEntityTypeConfiguration<PartyRequest>
{
    public void Configure(EntityTypeBuilder<PartyRequest> builder)
    {
        builder.ToTable("requests");
        builder.Property(r => r.StixId).HasMaxLength(100);
        builder.HasIndex(r => r.StixId).IsUnique();
        builder.HasOne(r => r.OriginParty).WithMany().HasForeignKey(r => r.OriginPartyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.AddresseeParty).WithMany().HasForeignKey(r => r.AddresseePartyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Priority).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Tlp).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Subject).HasMaxLength(RequestLimits.Subject);
        builder.Property(r => r.RequestedBy).HasMaxLength(RequestLimits.Name);
        builder.Property(r => r.AcknowledgementId).HasMaxLength(100);
        builder.Property(r => r.AcknowledgedBy).HasMaxLength(RequestLimits.Name);
        builder.Property(r => r.ResponseId).HasMaxLength(100);
        builder.Property(r => r.RespondedBy).HasMaxLength(RequestLimits.Name);
        builder.Property(r => r.AnswerText).HasMaxLength(RequestLimits.Text);
        builder.Property(r => r.DeclineReason).HasMaxLength(RequestLimits.Reason);
        builder.HasIndex(r => new { r.Outcome, r.WithdrawnAt, r.OverdueAt, r.Due });
        builder.HasIndex(r => new { r.OriginPartyId, r.Id });
        builder.HasMany(r => r.Events).WithOne().HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RequestEventConfiguration : IEntityTypeConfiguration<RequestEvent>
{
    public void Configure(EntityTypeBuilder<RequestEvent> builder)
    {
        builder.ToTable("request_events");
        builder.Property(e => e.Kind).HasMaxLength(40);
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Party).HasMaxLength(100);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.HasIndex(e => new { e.RequestId, e.At });
    }
}
