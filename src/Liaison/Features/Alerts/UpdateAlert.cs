using System.Security.Claims;
using Liaison.Exchange;
using Liaison.Http;
using Liaison.Live;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Alerts;

/// <summary>
/// Issues a new version of an own, active alert with new content. Deadlines already given stay as they were
/// (the escalation on the partner's side runs against them); a party newly addressed gets its own from now.
/// A party cannot be un-addressed: it already holds the alert — cancel it and raise another instead.
/// </summary>
public static class UpdateAlert
{
    public static async Task<Results<Ok<AlertView>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string id, AlertInput input, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(events);
        // Read under the write lock: a change committed a moment ago (a cancel racing an update) is seen, and this
        // one is made on it — never on a copy read before it, which would share a version without it.
        await using var transaction = await Feed.BeginAsync(db, cancellationToken);
        var alert = await AlertSharing.FindAsync(db, id, cancellationToken);
        if (alert is null)
        {
            return TypedResults.NotFound();
        }

        if (AlertAccess.RefuseUnlessOwn(alert, user) is { } refused)
        {
            return refused;
        }

        if (alert.Status != AlertStatus.Active)
        {
            return AlertAccess.NotActive(alert);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var validation = new Validation();
        var valid = await AlertValidation.ValidateAsync(input, db, now, validation, cancellationToken);
        if (valid is { } checkedInput)
        {
            var dropped = alert.Recipients.Where(r => checkedInput.Addressees.All(a => a.Party.Id != r.PartyId)).Select(r => r.Party.Name).ToList();
            validation.When(dropped.Count > 0, "recipients", $"already sent to {string.Join(", ", dropped)}: an alert cannot be withdrawn from a party; cancel it and raise another");
        }

        if (valid is null || !validation.IsValid)
        {
            return validation.Problem();
        }

        var added = valid.Value.Addressees.Where(a => alert.Recipients.All(r => r.PartyId != a.Party.Id)).ToList();
        alert.Update(valid.Value.Content, added, AlertAccess.NameOf(user), now);
        await db.CommitAndShareAsync(transaction, time, ct => AlertSharing.OutgoingAsync(db, alert, ct), cancellationToken);
        events.Publish(new DeskSignal("alert", alert.StixId, null, Precedences.Name(alert.Precedence), alert.SectorCodes.FirstOrDefault()));
        return TypedResults.Ok(AlertView.Of(alert, now));
    }
}
