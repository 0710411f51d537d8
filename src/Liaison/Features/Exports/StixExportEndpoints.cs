using Liaison.Accounts;
using Liaison.Features.Incidents;
using Liaison.Features.Officers;
using Liaison.Features.Parties;
using Liaison.Features.Sectors;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Exports;

/// <summary>
/// The whole picture as one STIX 2.1 bundle for the local user: every published (or retracted) report with its
/// locations and relationships, named groups, parties, officers, sectors and posts, each marked with its TLP,
/// plus the marking and extension definitions needed to read them. Drafts are not records yet and stay out.
/// This is not a release to a partner: TLP:RED reports are included, marked as such.
/// </summary>
public static class StixExportEndpoints
{
    public static IEndpointRouteBuilder MapStixExport(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/stix", ExportAsync).WithTags("Exports").RequireAuthorization(Policies.Ready)
            .Produces(StatusCodes.Status200OK, contentType: StixExport.MediaType)
            .WithName("ExportStix").WithSummary("Everything published on this node as one STIX 2.1 bundle");
        return routes;
    }

    public static async Task<ContentHttpResult> ExportAsync(LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var parties = await db.Parties.AsNoTracking().OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var self = parties.Single(p => p.IsSelf);
        var reports = await db.Incidents.AsNoTracking().Include(i => i.OriginParty)
            .Where(i => i.Status != IncidentStatus.Draft).OrderBy(i => i.Id).ToListAsync(cancellationToken);
        var groups = await db.NamedGroups.AsNoTracking().OrderBy(g => g.Id).ToListAsync(cancellationToken);
        var sectors = await db.Sectors.AsNoTracking().OrderBy(s => s.Code).ToListAsync(cancellationToken);
        var posts = await db.Posts.AsNoTracking().Include(p => p.Sector).OrderBy(p => p.Code).ToListAsync(cancellationToken);
        var officers = await db.Officers.AsNoTracking().Include(o => o.Sector).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        return TypedResults.Content(StixExport.Json(Picture(self, parties, reports, groups, sectors, posts, officers)), StixExport.MediaType);
    }

    /// <summary>The objects of the export, from records already loaded (posts and officers with their sectors).</summary>
    public static IReadOnlyList<IStixObject> Picture(
        Party self, IEnumerable<Party> parties, IEnumerable<IncidentReport> reports, IEnumerable<NamedGroup> groups,
        IEnumerable<Sector> sectors, IEnumerable<Post> posts, IEnumerable<Officer> officers)
    {
        var objects = new List<IStixObject>();
        objects.AddRange(LiaisonExtensions.DefinitionObjects);
        objects.AddRange(parties.Select(PartyStix.Identity));
        objects.AddRange(groups.Select(g => NamedGroupStix.ToStix(g, self)));
        objects.AddRange(sectors.Select(s => SectorStix.Location(s, self)));
        objects.AddRange(posts.Select(p => SectorStix.Location(p, self)));
        objects.AddRange(officers.Select(o => OfficerStix.Identity(o, self)));
        objects.AddRange(reports.Where(r => r.Status != IncidentStatus.Draft).SelectMany(r => IncidentStix.ToStix(IncidentStix.Of(r))));
        return objects;
    }
}
