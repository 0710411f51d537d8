using Liaison.Accounts;

namespace Liaison.Features.Picture;

/// <summary>The map's query API.</summary>
public static class PictureEndpoints
{
    /// <summary>Maps GET /api/picture.</summary>
    public static IEndpointRouteBuilder MapPicture(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/picture", PictureQuery.GetAsync).WithTags("Picture").RequireAuthorization(Policies.Ready)
            .WithName("GetPicture").WithSummary("Sectors, posts, incidents and alert areas as GeoJSON, filtered by time window, bbox, category, party and sector");
        return routes;
    }
}
