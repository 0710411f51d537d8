using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Sectors;

/// <summary>
/// Sectors as a GeoJSON FeatureCollection (RFC 7946), for map tools and for exchanging the agreed
/// segments with the partner. The import is all-or-nothing and upserts by code.
/// </summary>
public static class SectorsGeoJson
{
    public static async Task<Results<JsonHttpResult<JsonObject>, ValidationProblem>> ExportAsync(string? bbox, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var box = BoundingBox.Parse(bbox, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var sectors = await db.Sectors.AsNoTracking().Overlapping(box).OrderBy(s => s.Code).ToListAsync(cancellationToken);
        var collection = FeatureCollections.Collection(sectors.Select(s => FeatureCollections.Feature(
            s.Code,
            JsonNode.Parse(s.GeometryJson)!,
            s.Bounds,
            new JsonObject
            {
                ["code"] = s.Code,
                ["name"] = s.Name,
                ["responsibleSelf"] = s.ResponsibleSelf,
                ["responsiblePartner"] = s.ResponsiblePartner,
                ["notes"] = s.Notes,
                ["createdAt"] = FeatureCollections.Utc(s.CreatedAt),
                ["updatedAt"] = FeatureCollections.Utc(s.UpdatedAt),
            })));
        return TypedResults.Json(collection, contentType: GeoJson.MediaType);
    }

    public static async Task<Results<Ok<ImportResult>, ValidationProblem>> ImportAsync(JsonElement body, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var checkedFeatures = new List<(ImportedFeature Feature, string Code, SectorDetails Details)>();
        foreach (var feature in FeatureCollections.Read(body, validation))
        {
            var request = new SaveSector.Request(
                feature.StringProperty("code", validation),
                feature.StringProperty("name", validation),
                feature.Geometry,
                feature.StringProperty("responsibleSelf", validation),
                feature.StringProperty("responsiblePartner", validation),
                feature.StringProperty("notes", validation));
            if (SaveSector.Check(request, validation, feature.Prefix, feature.GeometryField) is { } valid)
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
        return TypedResults.Ok(await FeatureCollections.UpsertAsync(db, db.Sectors, items, (code, details, now) => new Sector(code, details, now), time.GetUtcNow().UtcDateTime, cancellationToken));
    }
}
