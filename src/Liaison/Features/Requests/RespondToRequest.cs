using System.Security.Claims;
using Liaison.Exchange;
using Liaison.Features.Alerts;
using Liaison.Features.Parties;
using Liaison.Http;
using Liaison.Live;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Requests;

/// <summary>
/// The addressee's final word on a partner's request, given once: an answer (text plus references to records it
/// holds) or a refusal with a reason. It goes to the requester as a <c>liaison-response</c>; on time means by the
/// due time. A second answer or refusal is refused: a correction is a message on the channel, not a new verdict.
/// </summary>
public static class RespondToRequest
{
    /// <summary>The body of answer: <c>text</c> required, <c>recordRefs</c> STIX ids this node holds.</summary>
    public sealed record Answer(string? Text, IReadOnlyList<string>? RecordRefs, string? RespondedBy);

    /// <summary>The body of decline: <c>reason</c> required.</summary>
    public sealed record Decline(string? Reason, string? RespondedBy);

    public static async Task<Results<Ok<RequestView>, NotFound, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        string id, Answer? body, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var validation = new Validation().Require("text", body?.Text, RequestLimits.Text)
            .When(body?.RespondedBy?.Length > RequestLimits.Name, "respondedBy", $"must be at most {RequestLimits.Name} characters");
        var refs = await RequestValidation.RecordRefsAsync(db, body?.RecordRefs, "recordRefs", validation, cancellationToken);
        return await RespondAsync(id, RequestOutcome.Answered, body?.Text?.Trim(), null, refs, body?.RespondedBy, validation, db, time, events, user, cancellationToken);
    }

    public static Task<Results<Ok<RequestView>, NotFound, ValidationProblem, ProblemHttpResult>> DeclineAsync(
        string id, Decline? body, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require("reason", body?.Reason, RequestLimits.Reason)
            .When(body?.RespondedBy?.Length > RequestLimits.Name, "respondedBy", $"must be at most {RequestLimits.Name} characters");
        return RespondAsync(id, RequestOutcome.Declined, null, body?.Reason?.Trim(), [], body?.RespondedBy, validation, db, time, events, user, cancellationToken);
    }

    private static async Task<Results<Ok<RequestView>, NotFound, ValidationProblem, ProblemHttpResult>> RespondAsync(
        string id, RequestOutcome outcome, string? text, string? reason, IReadOnlyList<string> refs, string? respondedBy, Validation validation,
        LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(events);
        var request = await RequestSharing.FindAsync(db, id, cancellationToken);
        if (request is null)
        {
            return TypedResults.NotFound();
        }

        if ((RequestAccess.RefuseUnlessReceived(request) ?? RequestAccess.Role(user, RequestAccess.Responders)) is { } refused)
        {
            return refused;
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await Feed.BeginAsync(db, cancellationToken);
        await db.Entry(request).ReloadAsync(cancellationToken);
        if (!request.IsOpen)
        {
            return RequestAccess.NotOpen(request);
        }

        var self = await db.Parties.SelfAsync(cancellationToken);
        var by = string.IsNullOrWhiteSpace(respondedBy) ? RequestAccess.NameOf(user) : respondedBy.Trim();
        request.Respond(RequestStix.ResponseIdOf(request.StixId, self.StixId).ToString(), outcome, text, reason, refs, now, by, now);
        await db.CommitAndShareAsync(transaction, time, [RequestSharing.Outgoing(RequestStix.Response(request), request)], cancellationToken);
        events.Publish(new DeskSignal("request", request.StixId, self.StixId, Precedences.Name(request.Priority), request.SectorCodes.FirstOrDefault()));
        return TypedResults.Ok(RequestView.Of(request, now));
    }
}
