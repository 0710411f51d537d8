using Liaison.Accounts;

namespace Liaison.Features.Alerts;

public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/alerts").WithTags("Alerts").RequireAuthorization(Policies.Ready);
        group.MapGet("/", AlertReads.ListAsync).WithName("ListAlerts")
            .WithSummary("Filters: direction=sent|received, status, precedence, open, overdue; newest first, limit and cursor page");
        group.MapPost("/", RaiseAlert.HandleAsync).WithName("RaiseAlert")
            .WithSummary("Raises an alert; each addressed partner gets an acknowledgement deadline for its precedence");
        group.MapGet("/figures", AlertFigures.GetAsync).WithName("AlertFigures")
            .WithSummary("Time to acknowledge per precedence and per partner (median, 90th percentile, on time, late) and what is overdue now");
        group.MapGet("/{id}", AlertReads.GetAsync).WithName("GetAlert").WithSummary("One alert with each addressed party's deadline, delivery and acknowledgement");
        group.MapPost("/{id}/update", UpdateAlert.HandleAsync).WithName("UpdateAlert").WithSummary("Issues a new version of an own active alert");
        group.MapPost("/{id}/cancel", EndAlert.CancelAsync).WithName("CancelAlert").WithSummary("Cancels an own active alert, with an optional reason");
        group.MapPost("/{id}/close", EndAlert.CloseAsync).WithName("CloseAlert").WithSummary("Closes an own active alert: the threat has passed");
        group.MapPost("/{id}/acknowledge", AcknowledgeAlert.HandleAsync).WithName("AcknowledgeAlert")
            .WithSummary("Acknowledges a partner's alert addressed to this party; a second call returns the first acknowledgement");
        group.MapGet("/{id}/timeline", AlertReads.TimelineAsync).WithName("AlertTimeline").WithSummary("What happened to the alert, oldest first");
        return routes;
    }
}
