using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class LocationTests
{
    private static readonly DateTimeOffset Created = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    internal static Location Point() => new()
    {
        Id = StixId.Parse("location--0c8a5bd5-6c1b-4f52-9f1c-2b6f77a1c3f0"),
        Created = Created,
        Modified = Created,
        Name = "Checkpoint 7",
        Latitude = 36.1234,
        Longitude = 44.0089,
        Precision = 250,
        Country = "IQ",
        AdministrativeArea = "Erbil",
        City = "Soran",
    };

    [Fact]
    public void Point_RoundTrips()
    {
        var copy = StixTestJson.RoundTrip(Point(), Location.FromJson);

        Assert.Equal(36.1234, copy.Latitude);
        Assert.Equal(250, copy.Precision);
        Assert.Equal("Soran", copy.City);
    }

    [Fact]
    public void RegionOnly_IsValid()
    {
        var region = Point() with { Latitude = null, Longitude = null, Precision = null, Country = null, Region = "western-asia" };

        Assert.Equal("western-asia", StixTestJson.RoundTrip(region, Location.FromJson).Region);
    }

    [Theory]
    [InlineData(91.0, 0.0)]
    [InlineData(0.0, 180.5)]
    public void ToJson_CoordinatesOutOfRange_Throw(double latitude, double longitude) =>
        Assert.Throws<InvalidOperationException>(() => (Point() with { Latitude = latitude, Longitude = longitude }).ToJson());

    [Fact]
    public void ToJson_NeitherRegionCountryNorPoint_Throws() =>
        Assert.Throws<InvalidOperationException>(() => (Point() with { Latitude = null, Longitude = null, Precision = null, Country = null }).ToJson());

    [Theory]
    [InlineData("latitude", "latitude", "-90.01")]
    [InlineData("latitude", "latitude", "\"north\"")]
    [InlineData("longitude", "longitude", "180.01")]
    [InlineData("longitude", "longitude", null)]
    [InlineData("precision", "precision", "-1")]
    [InlineData("country", "country", "7")]
    [InlineData("name", "name", "[\"a\"]")]
    [InlineData("modified", "modified", "\"2020-01-01T00:00:00.000Z\"")]
    public void FromJson_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(Point().ToJson(), expected, path, valueJson, Location.FromJson);

    [Fact]
    public void FromJson_PrecisionWithoutCoordinates_IsRejected()
    {
        var json = StixTestJson.With(StixTestJson.With(Point().ToJson(), "latitude", null), "longitude", null);

        StixTestJson.AssertRejected(json, "precision", "precision", "10", Location.FromJson);
    }

    [Fact]
    public void FromJson_NoRegionCountryOrCoordinates_IsRejectedNamingRegion()
    {
        var json = StixTestJson.With(StixTestJson.With(StixTestJson.With(Point().ToJson(), "latitude", null), "longitude", null), "precision", null);

        StixTestJson.AssertRejected(json, "region", "country", null, Location.FromJson);
    }
}
