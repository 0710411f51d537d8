using System.Security.Claims;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Http;
using Liaison.Live;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Alerts;

/// <summary>
/// The receiving desk acknowledges a partner's alert addressed to its party. That stops every pending escalation
/// step (same transaction) and sends a <c>liaison-acknowledgement</c> to the originator. A party acknowledges an
/// alert once: asking again answers with the first acknowledgement and sends nothing new.
/// </summary>
public static class AcknowledgeAlert
{
    /// <summary><c>acknowledgedBy</c> is the name and rank to send; by default the signed-in user's name.</summary>
    public sealed record Request(string? Response, string? ActionTaken, string? AcknowledgedBy);

    public static async Task<Results<Ok<AcknowledgementView>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string id, Request? request, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(events);
        // Read under the write lock: a second desk acknowledging at the same moment finds the first, and an alert
        // cancelled a moment ago is seen as cancelled.
        await using var transaction = await Feed.BeginAsync(db, cancellationToken);
        var alert = await AlertSharing.FindAsync(db, id, cancellationToken);
        if (alert is null)
        {
            return TypedResults.NotFound();
        }

        if (!alert.IsReceived)
        {
            return AlertAccess.Conflict("Acknowledged by the receiving party",
                "This is this party's own alert: the parties it was sent to acknowledge it on their own nodes, and their acknowledgements appear here.");
        }

        if (AlertAccess.Role(user, AlertAccess.Acknowledgers) is { } refused)
        {
            return refused;
        }

        var validation = new Validation()
            .When(request?.Response?.Length > 4000, "response", "must be at most 4000 characters")
            .When(request?.ActionTaken?.Length > 4000, "actionTaken", "must be at most 4000 characters")
            .When(request?.AcknowledgedBy?.Length > 200, "acknowledgedBy", "must be at most 200 characters");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var self = await db.Parties.SelfAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var row = alert.Recipients.SingleOrDefault(r => r.PartyId == self.Id);
        if (row is null)
        {
            return AlertAccess.Conflict("Not addressed to this party", $"{alert.OriginParty.Name} did not address this alert to {self.Name}, so it expects no acknowledgement from it.");
        }

        if (row.IsAcknowledged)
        {
            return TypedResults.Ok(AcknowledgementView.Of(alert, row));
        }

        if (alert.Status != AlertStatus.Active)
        {
            return AlertAccess.NotActive(alert);
        }

        var by = string.IsNullOrWhiteSpace(request?.AcknowledgedBy) ? AlertAccess.NameOf(user) : request.AcknowledgedBy.Trim();
        row.Acknowledge(AlertStix.AcknowledgementIdOf(alert.StixId, self.StixId).ToString(), now, by, Clean(request?.Response), Clean(request?.ActionTaken), now);
        alert.Events.Add(new AlertEvent(AlertEvents.Acknowledged, now, by, self.StixId, row.OnTime == true ? "on time" : "late"));
        await Escalation.Escalation.CancelAsync(db, alert.Id, now, cancellationToken);
        await db.CommitAndShareAsync(transaction, time, AlertSharing.Outgoing(alert, row), cancellationToken);
        events.Publish(new DeskSignal("acknowledgement", alert.StixId, self.StixId, Precedences.Name(alert.Precedence), alert.SectorCodes.FirstOrDefault()));
        return TypedResults.Ok(AcknowledgementView.Of(alert, row));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
