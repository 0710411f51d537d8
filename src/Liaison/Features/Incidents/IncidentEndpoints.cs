using Liaison.Accounts;
using Liaison.Features.Exports;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Incidents;

public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapIncidents(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/incidents.geojson", IncidentReads.GeoJsonAsync).WithTags("Incidents").RequireAuthorization(Policies.Ready)
            .WithName("IncidentsGeoJson").WithSummary("Incidents matching the filters as a GeoJSON FeatureCollection");
        routes.MapGet("/api/incidents.csv", IncidentReads.CsvAsync).WithTags("Incidents").RequireAuthorization(Policies.Ready)
            .WithName("IncidentsCsv").WithSummary("Incidents matching the filters as CSV");

        var group = routes.MapGroup("/api/incidents").WithTags("Incidents").RequireAuthorization(Policies.Ready);
        group.MapGet("/", IncidentReads.ListAsync).WithName("ListIncidents")
            .WithSummary("Filters: bbox=minLon,minLat,maxLon,maxLat, from, to, sector, category, q, party, status; limit and cursor page");
        group.MapPost("/", IncidentWrites.CreateAsync).RequireAuthorization(p => p.RequireRole(IncidentWrites.Drafters))
            .WithName("CreateIncident").WithSummary("Drafts an incident report");
        group.MapGet("/{id}", IncidentReads.GetAsync).WithName("GetIncident").WithSummary("One report with its version history");
        group.MapPut("/{id}", IncidentWrites.EditAsync).WithName("EditIncident")
            .WithSummary("Edits a draft in place, or revises a published report as a new version");
        group.MapPost("/{id}/publish", IncidentWrites.PublishAsync).WithName("PublishIncident").WithSummary("Publishes a draft as version 1");
        group.MapPost("/{id}/retract", IncidentWrites.RetractAsync).WithName("RetractIncident").WithSummary("Retracts a published report, with a reason");
        group.MapGet("/{id}/versions/{number:int}", IncidentReads.GetVersionAsync).WithName("GetIncidentVersion").WithSummary("An earlier version, exactly as recorded");
        group.MapGet("/{id}/stix", StixAsync).Produces(StatusCodes.Status200OK, contentType: StixExport.MediaType)
            .WithName("GetIncidentStix").WithSummary("The current version as a STIX 2.1 bundle");
        return routes;
    }

    private static async Task<Results<ContentHttpResult, NotFound, ProblemHttpResult>> StixAsync(string id, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var report = await db.Set<IncidentReport>().AsNoTracking().Include(i => i.OriginParty).SingleOrDefaultAsync(i => i.StixId == id, cancellationToken);
        if (report is null)
        {
            return TypedResults.NotFound();
        }

        if (report.Status == IncidentStatus.Draft)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A draft is not shared", detail: "Publish the report first; only published versions become STIX objects.");
        }

        var snapshot = IncidentStix.Of(report);
        var groups = await db.Set<NamedGroup>().AsNoTracking()
            .Where(g => (snapshot.Content.Perpetrators.Groups ?? new List<string>()).Contains(g.StixId) || (snapshot.Content.Targets.Groups ?? new List<string>()).Contains(g.StixId))
            .ToListAsync(cancellationToken);
        // Named groups are this node's reference data, whoever originated the report that names them.
        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        var objects = new List<IStixObject> { PartyStix.Identity(report.OriginParty), LiaisonExtensions.IncidentExtension };
        if (groups.Count > 0)
        {
            objects.Add(PartyStix.Identity(self));
            objects.AddRange(groups.Select(g => NamedGroupStix.ToStix(g, self)));
        }

        objects.AddRange(IncidentStix.ToStix(snapshot));
        return TypedResults.Content(StixExport.Json(objects), StixExport.MediaType);
    }
}
