using Liaison.Accounts;

namespace Liaison.Features.Alerts.Cap;

/// <summary>CAP 1.2 export of alerts and acknowledgements, and import of CAP alerts (docs/api.md, "CAP 1.2").</summary>
public static class AlertCapEndpoints
{
    public static IEndpointRouteBuilder MapAlertCap(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/alerts").WithTags("Alerts").RequireAuthorization(Policies.Ready);
        group.MapPost("/cap", ImportAlertCap.HandleAsync).WithName("ImportCapAlert")
            .Accepts<string>("application/xml", "text/xml", "application/cap+xml")
            .WithSummary("Raises an alert on this node from a CAP 1.2 document (msgType Alert); problems name the CAP element");
        group.MapGet("/{id}/cap", ExportAlertCap.AlertAsync).WithName("GetAlertCap")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml")
            .WithSummary("The alert's current version as a CAP 1.2 message: Alert, Update (with references) or Cancel");
        group.MapGet("/{id}/acknowledgements/{acknowledgement}/cap", ExportAlertCap.AcknowledgementAsync).WithName("GetAcknowledgementCap")
            .Produces(StatusCodes.Status200OK, contentType: "application/xml")
            .WithSummary("A party's acknowledgement (by acknowledgement id or party identity id) as a CAP 1.2 Ack");
        return routes;
    }
}
