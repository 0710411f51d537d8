using System.Globalization;
using Liaison.Http;

namespace Liaison.Features.Sectors;

/// <summary>An area in degrees, west/south/east/north, as in a GeoJSON <c>bbox</c> (RFC 7946 §5).</summary>
public readonly record struct BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat)
{
    /// <summary>Reads the <c>bbox=minLon,minLat,maxLon,maxLat</c> query parameter; null when absent.</summary>
    public static BoundingBox? Parse(string? text, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])).All(ok => ok))
        {
            validation.Add("bbox", "must be minLon,minLat,maxLon,maxLat");
            return null;
        }

        var box = new BoundingBox(values[0], values[1], values[2], values[3]);
        var before = validation.ErrorCount;
        validation
            .When(box.MinLon is < -180 or > 180 || box.MaxLon is < -180 or > 180, "bbox", "longitudes must be within [-180, 180]")
            .When(box.MinLat is < -90 or > 90 || box.MaxLat is < -90 or > 90, "bbox", "latitudes must be within [-90, 90]")
            .When(box.MinLon > box.MaxLon || box.MinLat > box.MaxLat, "bbox", "the minimum must not exceed the maximum");
        return validation.ErrorCount == before ? box : null;
    }
}
