using Liaison.Accounts;

namespace Liaison.Features.Sectors;

public static class SectorEndpoints
{
    /// <summary>Sectors and posts: anyone signed in reads them; only an administrator changes the joint reference data.</summary>
    public static IEndpointRouteBuilder MapSectors(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/sectors.geojson", SectorsGeoJson.ExportAsync).WithTags("Sectors").RequireAuthorization(Policies.Ready)
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.MediaType)
            .WithName("ExportSectorsGeoJson").WithSummary("Sectors as a GeoJSON FeatureCollection (optional bbox)");
        routes.MapGet("/api/posts.geojson", PostsGeoJson.ExportAsync).WithTags("Posts").RequireAuthorization(Policies.Ready)
            .Produces(StatusCodes.Status200OK, contentType: GeoJson.MediaType)
            .WithName("ExportPostsGeoJson").WithSummary("Posts as a GeoJSON FeatureCollection (optional bbox)");

        var sectors = routes.MapGroup("/api/sectors").WithTags("Sectors").RequireAuthorization(Policies.Ready);
        sectors.MapGet("/", GetSectors.ListAsync).WithName("ListSectors").WithSummary("Lists sectors; bbox=minLon,minLat,maxLon,maxLat keeps those overlapping the box");
        sectors.MapGet("/{code}", GetSectors.GetAsync).WithName("GetSector").WithSummary("One sector by code");
        sectors.MapGet("/{code}/stix", SectorStix.GetAsync).WithName("GetSectorStix").WithSummary("A sector and its posts as STIX 2.1 locations, in a bundle");
        sectors.MapPost("/", SaveSector.CreateAsync).RequireAuthorization(Policies.Administrator).WithName("CreateSector").WithSummary("Creates a sector");
        sectors.MapPut("/{code}", SaveSector.UpdateAsync).RequireAuthorization(Policies.Administrator).WithName("UpdateSector").WithSummary("Revises a sector");
        sectors.MapDelete("/{code}", DeleteSector.HandleAsync).RequireAuthorization(Policies.Administrator)
            .WithName("DeleteSector").WithSummary("Deletes a sector no post, officer or shift refers to");
        sectors.MapPost("/import", SectorsGeoJson.ImportAsync).RequireAuthorization(Policies.Administrator)
            .Accepts<System.Text.Json.JsonElement>(GeoJson.MediaType, "application/json")
            .WithName("ImportSectorsGeoJson").WithSummary("Upserts sectors by code from a FeatureCollection; all or nothing");

        var posts = routes.MapGroup("/api/posts").WithTags("Posts").RequireAuthorization(Policies.Ready);
        posts.MapGet("/", GetPosts.ListAsync).WithName("ListPosts").WithSummary("Lists posts; bbox=minLon,minLat,maxLon,maxLat and sector=CODE filter");
        posts.MapGet("/{code}", GetPosts.GetAsync).WithName("GetPost").WithSummary("One post by code");
        posts.MapPost("/", SavePost.CreateAsync).RequireAuthorization(Policies.Administrator).WithName("CreatePost").WithSummary("Creates a post");
        posts.MapPut("/{code}", SavePost.UpdateAsync).RequireAuthorization(Policies.Administrator).WithName("UpdatePost").WithSummary("Revises a post");
        posts.MapDelete("/{code}", DeletePost.HandleAsync).RequireAuthorization(Policies.Administrator).WithName("DeletePost").WithSummary("Deletes a post");
        posts.MapPost("/import", PostsGeoJson.ImportAsync).RequireAuthorization(Policies.Administrator)
            .Accepts<System.Text.Json.JsonElement>(GeoJson.MediaType, "application/json")
            .WithName("ImportPostsGeoJson").WithSummary("Upserts posts by code from a FeatureCollection; all or nothing");
        return routes;
    }
}
