using System.Security.Claims;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Http;
using Liaison.Live;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Alerts;

/// <summary>
/// Raises an alert: checks it, gives each addressed party its deadline (sent + the link's window for the
/// precedence), and shares revision 1 in the same transaction (the outbox carries it to each addressed partner).
/// </summary>
public static class RaiseAlert
{
    public static async Task<Results<Created<AlertView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        AlertInput input, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(events);
        if (AlertAccess.Role(user, AlertAccess.Raisers) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var validation = new Validation();
        if (await AlertValidation.ValidateAsync(input, db, now, validation, cancellationToken) is not { } valid)
        {
            return validation.Problem();
        }

        var alert = Alert.Raise(await db.Parties.SelfAsync(cancellationToken), valid.Content, valid.Addressees, AlertAccess.NameOf(user), now);
        db.Add(alert);
        await db.SaveAndShareAsync(time, ct => AlertSharing.OutgoingAsync(db, alert, ct), cancellationToken);
        events.Publish(new DeskSignal("alert", alert.StixId, null, Precedences.Name(alert.Precedence), alert.SectorCodes.FirstOrDefault()));
        return TypedResults.Created($"/api/alerts/{alert.StixId}", AlertView.Of(alert, now));
    }
}
