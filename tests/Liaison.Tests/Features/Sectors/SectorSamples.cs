namespace Liaison.Tests.Features.Sectors;

/// <summary>Request bodies for sectors and posts along a made-up stretch of border.</summary>
internal static class SectorSamples
{
    public static object Square(double west, double south, double east, double north) => new
    {
        type = "Polygon",
        coordinates = new[] { new[] { new[] { west, south }, new[] { east, south }, new[] { east, north }, new[] { west, north }, new[] { west, south } } },
    };

    public static object Sector(string code, object? geometry = null, string name = "Taftan–Mirjaveh") => new
    {
        code,
        name,
        geometry = geometry ?? Square(61.0, 28.5, 61.5, 29.0),
        responsibleSelf = "FC Balochistan, Taftan Wing",
        responsiblePartner = "Mirjaveh Border Regiment",
        notes = "Main road and rail crossing",
    };

    public static object Post(string code, double lon, double lat, string? sector = null, string kind = "crossing") => new
    {
        code,
        name = $"Post {code}",
        kind,
        geometry = new { type = "Point", coordinates = new[] { lon, lat } },
        sector,
    };
}
