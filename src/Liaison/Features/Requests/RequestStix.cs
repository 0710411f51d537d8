using Liaison.Features.Alerts;
using Liaison.Features.Exports;
using Liaison.Protocol.Stix;

namespace Liaison.Features.Requests;

/// <summary>
/// A request version as a <c>liaison-request</c> issued by the requester, and the addressee's acknowledgement,
/// answer or refusal as <c>liaison-response</c>s issued by the addressee; all marked with the request's TLP.
/// </summary>
public static class RequestStix
{
    public static LiaisonRequest ToStix(PartyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new LiaisonRequest
        {
            Id = StixId.Parse(request.StixId),
            Created = Utc(request.CreatedAt),
            Modified = Utc(request.ModifiedAt),
            CreatedByRef = StixId.Parse(request.OriginParty.StixId),
            ObjectMarkingRefs = [Tlp.IdOf(request.Tlp)],
            Kind = Wire(request.Kind),
            Subject = request.Subject,
            Questions = [.. request.Questions],
            Priority = Precedences.Name(request.Priority),
            Due = Utc(request.Due),
            SectorCodes = request.SectorCodes.Count == 0 ? null : [.. request.SectorCodes],
            RecordRefs = request.RecordRefs.Count == 0 ? null : [.. request.RecordRefs.Select(StixId.Parse)],
            Status = request.WithdrawnAt is null ? "open" : "withdrawn",
        };
    }

    /// <summary>What a received request asks, as this node stores it.</summary>
    public static RequestContent ContentOf(LiaisonRequest stix)
    {
        ArgumentNullException.ThrowIfNull(stix);
        return new RequestContent(
            stix.Kind == "assistance" ? RequestKind.Assistance : RequestKind.Information,
            Trim(stix.Subject, RequestLimits.Subject),
            [.. stix.Questions.Take(RequestLimits.Questions).Select(q => Trim(q, RequestLimits.Question))],
            Precedences.Parse(stix.Priority) ?? Precedence.Routine,
            stix.Due.UtcDateTime,
            Tlp.StrictestOf(stix.ObjectMarkingRefs) ?? TlpLevel.Amber,
            stix.SectorCodes ?? [],
            [.. (stix.RecordRefs ?? []).Select(r => r.ToString())]);
    }

    /// <summary>
    /// A party acknowledges a request once and responds to it (answer or refusal) once, so each response id is
    /// derived from the party, the request and which of the two it is (RFC 9562 v5): a retry can never mint a second.
    /// </summary>
    public static StixId AcknowledgementIdOf(string requestId, string partyIdentity) =>
        StixExport.DerivedId(LiaisonResponse.TypeName, partyIdentity, $"{requestId} acknowledged");

    public static StixId ResponseIdOf(string requestId, string partyIdentity) =>
        StixExport.DerivedId(LiaisonResponse.TypeName, partyIdentity, $"{requestId} response");

    public static LiaisonResponse Acknowledgement(PartyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var at = Utc(request.AcknowledgedAt ?? throw new InvalidOperationException("not acknowledged"));
        return new LiaisonResponse
        {
            Id = StixId.Parse(request.AcknowledgementId!),
            Created = at,
            Modified = at,
            CreatedByRef = StixId.Parse(request.AddresseeParty.StixId),
            ObjectMarkingRefs = [Tlp.IdOf(request.Tlp)],
            RequestRef = StixId.Parse(request.StixId),
            ResponseType = RequestStates.Acknowledged,
            RespondedBy = request.AcknowledgedBy ?? "",
        };
    }

    public static LiaisonResponse Response(PartyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var at = Utc(request.RespondedAt ?? throw new InvalidOperationException("not responded"));
        return new LiaisonResponse
        {
            Id = StixId.Parse(request.ResponseId!),
            Created = at,
            Modified = at,
            CreatedByRef = StixId.Parse(request.AddresseeParty.StixId),
            ObjectMarkingRefs = [Tlp.IdOf(request.Tlp)],
            RequestRef = StixId.Parse(request.StixId),
            ResponseType = Wire(request.Outcome!.Value),
            Text = request.AnswerText,
            Reason = request.DeclineReason,
            RecordRefs = request.AnswerRefs.Count == 0 ? null : [.. request.AnswerRefs.Select(StixId.Parse)],
            RespondedBy = request.RespondedBy ?? "",
        };
    }

    public static string Wire(RequestOutcome outcome) => outcome == RequestOutcome.Answered ? RequestStates.Answered : RequestStates.Declined;

    public static string Wire(RequestKind kind) => kind == RequestKind.Assistance ? "assistance" : "information";

    private static string Trim(string text, int max) => text.Length > max ? text[..max] : text;

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);
}
