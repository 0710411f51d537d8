using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Sectors;

/// <summary>Posts as a GeoJSON FeatureCollection of Points (RFC 7946); the import is all-or-nothing and upserts by code.</summary>
public static class PostsGeoJson
{
    public static async Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ExportAsync(string? bbox, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var box = BoundingBox.Parse(bbox, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var posts = await db.Posts.AsNoTracking().Include(p => p.Sector).Within(box).OrderBy(p => p.Code).ToListAsync(cancellationToken);
        var collection = FeatureCollections.Collection(posts.Select(p => FeatureCollections.Feature(
            p.Code,
            GeoJson.PointOf(p.Longitude, p.Latitude),
            new BoundingBox(p.Longitude, p.Latitude, p.Longitude, p.Latitude),
            new JsonObject
            {
                ["code"] = p.Code,
                ["name"] = p.Name,
                ["kind"] = PostKinds.Name(p.Kind),
                ["sector"] = p.Sector?.Code,
                ["notes"] = p.Notes,
                ["createdAt"] = FeatureCollections.Utc(p.CreatedAt),
                ["updatedAt"] = FeatureCollections.Utc(p.UpdatedAt),
            })));
        return TypedResults.Json(collection, contentType: GeoJson.MediaType);
    }

    public static async Task<Results<Ok<ImportResult>, ValidationProblem>> ImportAsync(JsonElement body, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var checkedFeatures = new List<(ImportedFeature Feature, string Code, PostDetails Details)>();
        foreach (var feature in FeatureCollections.Read(body, validation))
        {
            var request = new SavePost.Request(
                feature.StringProperty("code", validation),
                feature.StringProperty("name", validation),
                feature.StringProperty("kind", validation),
                feature.Geometry,
                feature.StringProperty("sector", validation),
                feature.StringProperty("notes", validation));
            if (await SavePost.CheckAsync(request, db, validation, cancellationToken, feature.Prefix, feature.GeometryField) is { } valid)
            {
                checkedFeatures.Add((feature, valid.Code, valid.Details));
            }
        }

        FeatureCollections.RefuseDuplicateCodes(checkedFeatures.Select(c => (c.Feature, c.Code)), validation);
        if (!validation.IsValid)
        {
            return validation.Problem("The collection has invalid features; nothing was imported");
        }

        var items = checkedFeatures.Select(c => (c.Code, c.Details)).ToList();
        return TypedResults.Ok(await FeatureCollections.UpsertAsync(db, db.Posts, items, (code, details, now) => new Post(code, details, now), time.GetUtcNow().UtcDateTime, cancellationToken));
    }
}
