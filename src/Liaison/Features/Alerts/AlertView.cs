using System.Text.Json.Nodes;
using Liaison.Features.Incidents;

namespace Liaison.Features.Alerts;

/// <summary>What the API answers for one alert. <c>Direction</c> is <c>sent</c> for this party's own alerts, <c>received</c> for a partner's.</summary>
public sealed record AlertView(
    string Id,
    string Direction,
    PartyRef OriginParty,
    bool ReadOnly,
    string Precedence,
    string Title,
    string? Description,
    JsonObject? Area,
    IReadOnlyList<string> SectorCodes,
    DateTime ValidFrom,
    DateTime ValidUntil,
    string Tlp,
    IReadOnlyList<string> Recipients,
    string Status,
    int Revision,
    string? StatusReason,
    DateTime CreatedAt,
    DateTime ModifiedAt,
    DateTime SentAt,
    string RaisedBy,
    IReadOnlyList<RecipientView> Acknowledgements)
{
    public static AlertView Of(Alert alert, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new(alert.StixId, alert.IsReceived ? "received" : "sent",
            new PartyRef(alert.OriginParty.StixId, alert.OriginParty.Name, alert.OriginParty.Country), alert.IsReceived,
            Precedences.Name(alert.Precedence), alert.Title, alert.Description, alert.Area?.ToNode(), alert.SectorCodes, alert.ValidFrom, alert.ValidUntil,
            IncidentValidation.WireName(alert.Tlp), alert.AddressedTo, AlertStix.Wire(alert.Status), alert.Revision, alert.StatusReason,
            alert.CreatedAt, alert.ModifiedAt, alert.SentAt, alert.RaisedBy,
            [.. alert.Recipients.OrderBy(r => r.Party.Name).Select(r => RecipientView.Of(r, now))]);
    }
}

/// <summary>
/// One addressed party's state: <c>state</c> is <c>acknowledged</c>, <c>overdue</c> (deadline passed unacknowledged)
/// or <c>awaiting</c>; <c>onTime</c> is set once acknowledged.
/// </summary>
public sealed record RecipientView(
    PartyRef Party,
    string State,
    DateTime Deadline,
    DateTime? DeliveredAt,
    long? ReceiptId,
    string? AcknowledgementId,
    DateTime? AcknowledgedAt,
    string? AcknowledgedBy,
    string? Response,
    string? ActionTaken,
    bool? OnTime,
    DateTime? OverdueAt)
{
    public static RecipientView Of(AlertRecipient r, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(r);
        var state = r.IsAcknowledged ? "acknowledged" : r.IsOverdue(now) ? "overdue" : "awaiting";
        return new(new PartyRef(r.Party.StixId, r.Party.Name, r.Party.Country), state, r.Deadline, r.DeliveredAt, r.ReceiptId, r.AcknowledgementId,
            r.AcknowledgedAt, r.AcknowledgedBy, r.Response, r.ActionTaken, r.OnTime, r.OverdueAt);
    }
}

/// <summary>An acknowledgement as the acknowledging desk sees it.</summary>
public sealed record AcknowledgementView(string Id, string AlertId, DateTime AcknowledgedAt, string AcknowledgedBy, string? Response, string? ActionTaken, DateTime Deadline, bool OnTime)
{
    public static AcknowledgementView Of(Alert alert, AlertRecipient r)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(r);
        return new(r.AcknowledgementId!, alert.StixId, r.AcknowledgedAt!.Value, r.AcknowledgedBy!, r.Response, r.ActionTaken, r.Deadline, r.OnTime == true);
    }
}

/// <summary>One timeline event.</summary>
public sealed record AlertEventView(string Kind, DateTime At, string? Actor, string? Party, string? Detail);
