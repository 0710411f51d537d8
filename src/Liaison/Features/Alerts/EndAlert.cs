using System.Security.Claims;
using Liaison.Exchange;
using Liaison.Live;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Alerts;

/// <summary>
/// Cancels (the warning was wrong or no longer applies) or closes (the threat has passed) an own, active alert.
/// Either is a final version that travels to every addressed partner and stops its escalation there.
/// </summary>
public static class EndAlert
{
    /// <summary>The body of cancel and close; the reason is optional.</summary>
    public sealed record Request(string? Reason);

    public static Task<Results<Ok<AlertView>, NotFound, ValidationProblem, ProblemHttpResult>> CancelAsync(
        string id, Request? request, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        EndAsync(id, AlertStatus.Cancelled, request, db, time, events, user, cancellationToken);

    public static Task<Results<Ok<AlertView>, NotFound, ValidationProblem, ProblemHttpResult>> CloseAsync(
        string id, Request? request, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        EndAsync(id, AlertStatus.Closed, request, db, time, events, user, cancellationToken);

    private static async Task<Results<Ok<AlertView>, NotFound, ValidationProblem, ProblemHttpResult>> EndAsync(
        string id, AlertStatus to, Request? request, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
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

        var reason = string.IsNullOrWhiteSpace(request?.Reason) ? null : request.Reason.Trim();
        if (reason?.Length > 2000)
        {
            return new Http.Validation().Add("reason", "must be at most 2000 characters").Problem();
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (to == AlertStatus.Cancelled)
        {
            alert.Cancel(reason, AlertAccess.NameOf(user), now);
        }
        else
        {
            alert.Close(reason, AlertAccess.NameOf(user), now);
        }

        await db.CommitAndShareAsync(transaction, time, ct => AlertSharing.OutgoingAsync(db, alert, ct), cancellationToken);
        events.Publish(new DeskSignal("alert", alert.StixId, null, Precedences.Name(alert.Precedence), alert.SectorCodes.FirstOrDefault()));
        return TypedResults.Ok(AlertView.Of(alert, now));
    }
}
