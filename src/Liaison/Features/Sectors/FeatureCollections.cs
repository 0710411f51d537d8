using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Http;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Sectors;

/// <summary>One feature of an imported collection, with the prefix its fields are reported under.</summary>
public sealed record ImportedFeature(int Index, JsonElement Properties, JsonElement? Geometry)
{
    public string Prefix => $"features[{Index}].properties.";

    public string GeometryField => $"features[{Index}].geometry";

    /// <summary>A string property; absent or null is null, any other JSON type is named as an error.</summary>
    public string? StringProperty(string name, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (!Properties.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            validation.Add(Prefix + name, "must be a string");
            return null;
        }

        return value.GetString();
    }
}

/// <summary>Reading and writing GeoJSON FeatureCollections (RFC 7946 §3.3) for the import and export endpoints.</summary>
public static class FeatureCollections
{
    /// <summary>The features of <paramref name="body"/>, with every structural problem named.</summary>
    public static List<ImportedFeature> Read(JsonElement body, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var features = new List<ImportedFeature>();
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection")
        {
            validation.Add("type", "must be FeatureCollection");
            return features;
        }

        if (!body.TryGetProperty("features", out var array) || array.ValueKind != JsonValueKind.Array)
        {
            validation.Add("features", "is required and must be an array");
            return features;
        }

        var i = 0;
        foreach (var feature in array.EnumerateArray())
        {
            var index = i++;
            if (feature.ValueKind != JsonValueKind.Object || !feature.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String || t.GetString() != "Feature")
            {
                validation.Add($"features[{index}].type", "must be Feature");
                continue;
            }

            if (!feature.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
            {
                validation.Add($"features[{index}].properties", "is required and must be an object");
                continue;
            }

            features.Add(new ImportedFeature(index, properties, feature.TryGetProperty("geometry", out var g) ? g : null));
        }

        return features;
    }

    /// <summary>Names every feature whose code another feature already used.</summary>
    public static void RefuseDuplicateCodes(IEnumerable<(ImportedFeature Feature, string Code)> coded, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (feature, code) in coded)
        {
            validation.When(!seen.Add(code), feature.Prefix + "code", $"'{code}' appears more than once in the collection");
        }
    }

    public static JsonObject Feature(string id, JsonNode geometry, BoundingBox bounds, JsonObject properties) => new()
    {
        ["type"] = "Feature",
        ["id"] = id,
        ["bbox"] = new JsonArray(bounds.MinLon, bounds.MinLat, bounds.MaxLon, bounds.MaxLat),
        ["geometry"] = geometry,
        ["properties"] = properties,
    };

    public static JsonObject Collection(IEnumerable<JsonObject> features) => new()
    {
        ["type"] = "FeatureCollection",
        ["features"] = new JsonArray([.. features]),
    };

    /// <summary>Time as RFC 3339 UTC, the form STIX and the rest of the API use.</summary>
    public static string Utc(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Writes checked features in one transaction: revises the records whose code exists, adds the others.
    /// Runs only after every feature passed its checks, so an import is all or nothing.
    /// </summary>
    public static async Task<ImportResult> UpsertAsync<TRecord, TDetails>(
        DbContext db, DbSet<TRecord> records, IReadOnlyList<(string Code, TDetails Details)> items, Func<string, TDetails, DateTime, TRecord> create, DateTime now, CancellationToken cancellationToken)
        where TRecord : class, ICodedRecord<TDetails>
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(create);
        var codes = items.Select(i => i.Code).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await records.Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, StringComparer.Ordinal, cancellationToken);
        foreach (var (code, details) in items)
        {
            if (existing.TryGetValue(code, out var record))
            {
                record.Revise(details, now);
            }
            else
            {
                records.Add(create(code, details, now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportResult(items.Count - existing.Count, existing.Count);
    }
}

/// <summary>Reference data both parties name by a code (sectors, posts).</summary>
public interface ICodedRecord<in TDetails>
{
    string Code { get; }

    void Revise(TDetails details, DateTime now);
}

/// <summary>What an import did.</summary>
public sealed record ImportResult(int Created, int Updated);
