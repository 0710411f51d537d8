using Liaison.Accounts;
using Liaison.Features.Alerts;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Escalation;

/// <summary>One step of an alert's ladder as the API shows it.</summary>
public sealed record EscalationStepView(int Index, string Rung, DateTime DueAt, EscalationStepState State, DateTime? FiredAt, double? LateSeconds, int? Notified, DateTime? CancelledAt)
{
    public static EscalationStepView Of(EscalationStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new(step.Index, EscalationRungs.Name(step.Rung), step.DueAt, step.State, step.FiredAt, step.LateSeconds, step.Notified, step.CancelledAt);
    }
}

public static class EscalationEndpoints
{
    public static IEndpointRouteBuilder MapEscalation(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/alerts/{id}/escalation", GetAsync).WithTags("Alerts").RequireAuthorization(Policies.Ready)
            .WithName("AlertEscalation").WithSummary("The receiving party's duty ladder for an alert: each step's rung, due time, state and when it fired or was cancelled");
        return routes;
    }

    public static async Task<Results<Ok<IReadOnlyList<EscalationStepView>>, NotFound>> GetAsync(string id, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var alertId = await db.Set<Alert>().Where(a => a.StixId == id).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken);
        if (alertId is null)
        {
            return TypedResults.NotFound();
        }

        var steps = await Escalation.StepsAsync(db, alertId.Value, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<EscalationStepView>>([.. steps.Select(EscalationStepView.Of)]);
    }
}
