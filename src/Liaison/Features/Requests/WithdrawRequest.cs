using System.Security.Claims;
using Liaison.Exchange;
using Liaison.Features.Alerts;
using Liaison.Live;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Requests;

/// <summary>
/// The requester withdraws its own open request: a new version with <c>status</c> <c>withdrawn</c> goes to the
/// addressee, which stops waiting for it and stops counting it overdue. Withdrawing twice answers with the first.
/// </summary>
public static class WithdrawRequest
{
    public static async Task<Results<Ok<RequestView>, NotFound, ProblemHttpResult>> HandleAsync(
        string id, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(events);
        // Read under the write lock: a change committed a moment ago (a cancel racing an update) is seen, and this
        // one is made on it — never on a copy read before it, which would share a version without it.
        await using var transaction = await Feed.BeginAsync(db, cancellationToken);
        var request = await RequestSharing.FindAsync(db, id, cancellationToken);
        if (request is null)
        {
            return TypedResults.NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (request.IsReceived)
        {
            return RequestAccess.Conflict("Withdrawn by the requester",
                $"This request belongs to {request.OriginParty.Name}; only it can withdraw it. Answer or decline it instead.");
        }

        if (RequestAccess.Role(user, RequestAccess.Senders) is { } refused)
        {
            return refused;
        }

        if (request.WithdrawnAt is not null && request.Outcome is null)
        {
            return TypedResults.Ok(RequestView.Of(request, now));
        }

        if (!request.IsOpen)
        {
            return RequestAccess.NotOpen(request);
        }

        request.Withdraw(RequestAccess.NameOf(user), now);
        await db.CommitAndShareAsync(transaction, time, ct => RequestSharing.OutgoingAsync(db, request, ct), cancellationToken);
        events.Publish(new DeskSignal("request", request.StixId, null, Precedences.Name(request.Priority), request.SectorCodes.FirstOrDefault()));
        return TypedResults.Ok(RequestView.Of(request, now));
    }
}
