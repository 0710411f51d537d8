using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Http;

namespace Liaison.Features.Sectors;

/// <summary>A geometry that passed <see cref="GeoJson.ReadGeometry"/>: normalised JSON text and its bounding box.</summary>
public sealed record CheckedGeometry(string Type, string Json, BoundingBox Bounds);

/// <summary>
/// Hand-rolled GeoJSON geometry validation (RFC 7946 §3.1): enough for the border's lines, areas and
/// points, without pulling a geometry library into the node. Every bad part is named in <see cref="Validation"/>.
/// </summary>
public static class GeoJson
{
    public const string MediaType = "application/geo+json";

    public const string Point = nameof(Point);
    public const string LineString = nameof(LineString);
    public const string Polygon = nameof(Polygon);

    /// <summary>Checks <paramref name="geometry"/>; returns null (and adds errors) when it is not acceptable.</summary>
    public static CheckedGeometry? ReadGeometry(JsonElement? geometry, string field, IReadOnlyCollection<string> allowedTypes, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(allowedTypes);
        ArgumentNullException.ThrowIfNull(validation);
        if (geometry is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } element)
        {
            validation.Add(field, "is required");
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            validation.Add(field, "must be a GeoJSON geometry object");
            return null;
        }

        var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (type is null || !allowedTypes.Contains(type))
        {
            validation.Add($"{field}.type", $"must be {string.Join(" or ", allowedTypes)}");
            return null;
        }

        var coordinatesField = $"{field}.coordinates";
        if (!element.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            validation.Add(coordinatesField, "is required and must be an array");
            return null;
        }

        var positions = new List<(double Lon, double Lat)>();
        var errorsBefore = validation.ErrorCount;
        JsonArray normalised;
        switch (type)
        {
            case Point:
                normalised = ReadPosition(coordinates, coordinatesField, validation, positions) ?? [];
                break;
            case LineString:
                normalised = ReadLine(coordinates, coordinatesField, 2, validation, positions);
                break;
            default:
                normalised = ReadPolygon(coordinates, coordinatesField, validation, positions);
                break;
        }

        if (validation.ErrorCount != errorsBefore || positions.Count == 0)
        {
            return null;
        }

        // Bounds ignore the antimeridian (RFC 7946 §5.2); no border this node serves crosses it.
        var bounds = new BoundingBox(positions.Min(p => p.Lon), positions.Min(p => p.Lat), positions.Max(p => p.Lon), positions.Max(p => p.Lat));
        var json = new JsonObject { ["type"] = type, ["coordinates"] = normalised }.ToJsonString();
        return new CheckedGeometry(type, json, bounds);
    }

    /// <summary>A GeoJSON Point for a stored longitude and latitude.</summary>
    public static JsonObject PointOf(double longitude, double latitude) =>
        new() { ["type"] = Point, ["coordinates"] = new JsonArray(longitude, latitude) };

    private static JsonArray ReadPolygon(JsonElement rings, string field, Validation validation, List<(double, double)> positions)
    {
        var result = new JsonArray();
        if (rings.GetArrayLength() == 0)
        {
            validation.Add(field, "a Polygon needs at least one linear ring");
            return result;
        }

        var i = 0;
        foreach (var ring in rings.EnumerateArray())
        {
            var ringField = $"{field}[{i++}]";
            if (ring.ValueKind != JsonValueKind.Array)
            {
                validation.Add(ringField, "must be an array of positions");
                continue;
            }

            var errorsBefore = validation.ErrorCount;
            var ringPositions = new List<(double Lon, double Lat)>();
            var line = ReadLine(ring, ringField, 4, validation, ringPositions);
            positions.AddRange(ringPositions);
            result.Add(line);
            // A linear ring is closed: its first and last positions are identical (RFC 7946 §3.1.6).
            if (validation.ErrorCount == errorsBefore && ringPositions[0] != ringPositions[^1])
            {
                validation.Add(ringField, "the linear ring must be closed (first and last positions equal)");
            }
        }

        return result;
    }

    private static JsonArray ReadLine(JsonElement line, string field, int minimum, Validation validation, List<(double, double)> positions)
    {
        var result = new JsonArray();
        var count = line.GetArrayLength();
        if (count < minimum)
        {
            validation.Add(field, $"needs at least {minimum} positions, has {count}");
            return result;
        }

        var i = 0;
        foreach (var position in line.EnumerateArray())
        {
            if (ReadPosition(position, $"{field}[{i++}]", validation, positions) is { } p)
            {
                result.Add(p);
            }
        }

        return result;
    }

    private static JsonArray? ReadPosition(JsonElement position, string field, Validation validation, List<(double, double)> positions)
    {
        // A position is [longitude, latitude] with an optional altitude (RFC 7946 §3.1.1).
        if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() is < 2 or > 3
            || position.EnumerateArray().Any(n => n.ValueKind != JsonValueKind.Number))
        {
            validation.Add(field, "must be a position [longitude, latitude]");
            return null;
        }

        var lon = position[0].GetDouble();
        var lat = position[1].GetDouble();
        var before = validation.ErrorCount;
        validation.When(lon is < -180 or > 180, field, string.Create(CultureInfo.InvariantCulture, $"longitude {lon} is outside [-180, 180]"));
        validation.When(lat is < -90 or > 90, field, string.Create(CultureInfo.InvariantCulture, $"latitude {lat} is outside [-90, 90]"));
        if (validation.ErrorCount != before)
        {
            return null;
        }

        positions.Add((lon, lat));
        var result = new JsonArray(lon, lat);
        if (position.GetArrayLength() == 3)
        {
            result.Add(position[2].GetDouble());
        }

        return result;
    }
}
