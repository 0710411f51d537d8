using System.Security.Claims;
using Liaison.Exchange;
using Liaison.Features.Alerts;
using Liaison.Features.Parties;
using Liaison.Http;
using Liaison.Live;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Requests;

/// <summary>Sends a request to a partner: checks it, and shares its first version in the same transaction (the outbox carries it to the addressee).</summary>
public static class CreateRequest
{
    public static async Task<Results<Created<RequestView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        RequestInput input, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(events);
        if (RequestAccess.Role(user, RequestAccess.Senders) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var validation = new Validation();
        if (await RequestValidation.ValidateAsync(input, db, now, validation, cancellationToken) is not { } valid)
        {
            return validation.Problem();
        }

        var request = PartyRequest.Send(await db.Parties.SelfAsync(cancellationToken), valid.To, valid.Content, RequestAccess.NameOf(user), now);
        db.Add(request);
        await db.SaveAndShareAsync(time, ct => RequestSharing.OutgoingAsync(db, request, ct), cancellationToken);
        events.Publish(new DeskSignal("request", request.StixId, null, Precedences.Name(request.Priority), request.SectorCodes.FirstOrDefault()));
        return TypedResults.Created($"/api/requests/{request.StixId}", RequestView.Of(request, now));
    }
}
