using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Features.Sectors;
using Liaison.Http;

namespace Liaison.Features.Alerts;

/// <summary>
/// Where an alert's threat is: a GeoJSON Polygon (RFC 7946 §3.1.6) or a circle, written
/// <c>{"type": "Circle", "latitude": …, "longitude": …, "radius": metres}</c> — GeoJSON has no circle, and a radius
/// around a point is how a liaison officer describes most threats. The same JSON is used by the API and on the wire.
/// </summary>
public sealed record AlertArea(string Type, string Json)
{
    public const string Polygon = "Polygon";
    public const string Circle = "Circle";
    public const double MaxRadiusMetres = 500_000;

    private static readonly string[] PolygonOnly = [GeoJson.Polygon];

    public string ToJson() => Json;

    public JsonObject ToNode() => JsonNode.Parse(Json)!.AsObject();

    public static AlertArea FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new AlertArea(document.RootElement.GetProperty("type").GetString()!, json);
    }

    /// <summary>Checks an area as a client sent it; null (with every problem named) when it is not acceptable.</summary>
    public static AlertArea? Read(JsonElement? area, string field, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (area is not { ValueKind: JsonValueKind.Object } element)
        {
            validation.When(area is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined }, field, "must be a GeoJSON Polygon or a Circle object");
            return null;
        }

        var type = element.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (string.Equals(type, Circle, StringComparison.OrdinalIgnoreCase))
        {
            var lat = Number(element, "latitude");
            var lon = Number(element, "longitude");
            var radius = Number(element, "radius");
            var before = validation.ErrorCount;
            validation.When(lat is null or < -90 or > 90, $"{field}.latitude", "is required and must be between -90 and 90")
                .When(lon is null or < -180 or > 180, $"{field}.longitude", "is required and must be between -180 and 180")
                .When(radius is null or <= 0 or > MaxRadiusMetres, $"{field}.radius", $"is required: metres, more than 0 and at most {MaxRadiusMetres:0}");
            return validation.ErrorCount != before
                ? null
                : new AlertArea(Circle, new JsonObject { ["type"] = Circle, ["latitude"] = lat, ["longitude"] = lon, ["radius"] = radius }.ToJsonString());
        }

        if (!string.Equals(type, Polygon, StringComparison.Ordinal))
        {
            validation.Add($"{field}.type", "must be Polygon or Circle");
            return null;
        }

        var geometry = GeoJson.ReadGeometry(element, field, PolygonOnly, validation);
        return geometry is null ? null : new AlertArea(Polygon, geometry.Json);
    }

    /// <summary>The area's bounding box in degrees; a circle's is widened by its radius.</summary>
    public (double MinLon, double MinLat, double MaxLon, double MaxLat) Bounds()
    {
        using var document = JsonDocument.Parse(Json);
        var root = document.RootElement;
        if (Type == Circle)
        {
            var lat = root.GetProperty("latitude").GetDouble();
            var lon = root.GetProperty("longitude").GetDouble();
            var dLat = root.GetProperty("radius").GetDouble() / 111_320.0;
            var dLon = dLat / Math.Max(Math.Cos(lat * Math.PI / 180), 0.01);
            return (Math.Max(lon - dLon, -180), Math.Max(lat - dLat, -90), Math.Min(lon + dLon, 180), Math.Min(lat + dLat, 90));
        }

        var positions = root.GetProperty("coordinates").EnumerateArray().SelectMany(r => r.EnumerateArray())
            .Select(p => (Lon: p[0].GetDouble(), Lat: p[1].GetDouble())).ToList();
        return (positions.Min(p => p.Lon), positions.Min(p => p.Lat), positions.Max(p => p.Lon), positions.Max(p => p.Lat));
    }

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var n) && double.IsFinite(n) ? n : null;
}
