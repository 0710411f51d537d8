using Liaison.Features.Alerts;
using Liaison.Features.Incidents;

namespace Liaison.Features.Requests;

/// <summary>
/// What the API answers for one request. <c>direction</c> is <c>out</c> for this party's own requests, <c>in</c> for
/// a partner's; <c>state</c> is sent, delivered, acknowledged, answered, declined or withdrawn; <c>overdue</c> is true
/// while the due time has passed with no answer or refusal.
/// </summary>
public sealed record RequestView(
    string Id,
    string Direction,
    PartyRef From,
    PartyRef To,
    string Kind,
    string Subject,
    IReadOnlyList<string> Questions,
    string Priority,
    DateTime Due,
    string Tlp,
    IReadOnlyList<string> SectorCodes,
    IReadOnlyList<string> RecordRefs,
    string State,
    bool Overdue,
    DateTime? OverdueAt,
    DateTime CreatedAt,
    DateTime ModifiedAt,
    DateTime SentAt,
    string RequestedBy,
    DateTime? DeliveredAt,
    long? ReceiptId,
    DateTime? AcknowledgedAt,
    string? AcknowledgedBy,
    RequestAnswerView? Response,
    DateTime? WithdrawnAt)
{
    public static RequestView Of(PartyRequest request, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = request.Outcome is { } outcome
            ? new RequestAnswerView(request.ResponseId!, RequestStix.Wire(outcome), request.RespondedAt!.Value, request.RespondedBy ?? "", request.OnTime == true,
                request.AnswerText, request.DeclineReason, request.AnswerRefs)
            : null;
        return new(request.StixId, request.IsReceived ? "in" : "out",
            Ref(request.OriginParty), Ref(request.AddresseeParty), RequestStix.Wire(request.Kind), request.Subject, request.Questions,
            Precedences.Name(request.Priority), request.Due, IncidentValidation.WireName(request.Tlp), request.SectorCodes, request.RecordRefs,
            request.State, request.IsOverdue(now), request.OverdueAt, request.CreatedAt, request.ModifiedAt, request.SentAt, request.RequestedBy,
            request.DeliveredAt, request.ReceiptId, request.AcknowledgedAt, request.AcknowledgedBy, response, request.WithdrawnAt);
    }

    private static PartyRef Ref(Parties.Party party) => new(party.StixId, party.Name, party.Country);
}

/// <summary>The addressee's answer or refusal: <c>type</c> answered or declined; <c>onTime</c> when given by the due time.</summary>
public sealed record RequestAnswerView(string Id, string Type, DateTime At, string By, bool OnTime, string? Text, string? Reason, IReadOnlyList<string> RecordRefs);

/// <summary>One timeline event.</summary>
public sealed record RequestEventView(string Kind, DateTime At, string? Actor, string? Party, string? Detail);
