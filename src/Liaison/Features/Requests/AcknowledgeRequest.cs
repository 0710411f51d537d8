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
/// The addressee's desk acknowledges a partner's request: "we have it and are working on it". A
/// <c>liaison-response</c> of type <c>acknowledged</c> goes to the requester. Asking again answers with the first.
/// </summary>
public static class AcknowledgeRequest
{
    /// <summary><c>acknowledgedBy</c> is the name and rank to send; by default the signed-in user's name.</summary>
    public sealed record Request(string? AcknowledgedBy);

    public static async Task<Results<Ok<RequestView>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string id, Request? body, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
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

        var validation = new Validation().When(body?.AcknowledgedBy?.Length > RequestLimits.Name, "acknowledgedBy", $"must be at most {RequestLimits.Name} characters");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await Feed.BeginAsync(db, cancellationToken);
        // Read again under the write lock: a second desk acknowledging at the same moment must find the first.
        await db.Entry(request).ReloadAsync(cancellationToken);
        if (request.AcknowledgedAt is not null)
        {
            return TypedResults.Ok(RequestView.Of(request, now));
        }

        if (!request.IsOpen)
        {
            return RequestAccess.NotOpen(request);
        }

        var self = await db.Parties.SelfAsync(cancellationToken);
        var by = string.IsNullOrWhiteSpace(body?.AcknowledgedBy) ? RequestAccess.NameOf(user) : body.AcknowledgedBy.Trim();
        request.Acknowledge(RequestStix.AcknowledgementIdOf(request.StixId, self.StixId).ToString(), now, by, now);
        await db.CommitAndShareAsync(transaction, time, [RequestSharing.Outgoing(RequestStix.Acknowledgement(request), request)], cancellationToken);
        events.Publish(new DeskSignal("request", request.StixId, self.StixId, Precedences.Name(request.Priority), request.SectorCodes.FirstOrDefault()));
        return TypedResults.Ok(RequestView.Of(request, now));
    }
}
