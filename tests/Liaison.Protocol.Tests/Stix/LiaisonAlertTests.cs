using System.Text.Json.Nodes;
using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class LiaisonAlertTests
{
    private static readonly DateTimeOffset Created = new(2026, 11, 28, 8, 0, 0, 125, TimeSpan.Zero);
    private static readonly StixId Partner = StixId.Parse("identity--2f9b1d2e-9c1f-4c55-8a55-0f3b8c3f1a10");
    private static readonly StixId Origin = StixId.Parse("identity--7b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e");

    internal static LiaisonAlert Alert() => new()
    {
        Id = StixId.Parse("liaison-alert--3c0b7f6e-2d8a-4f4e-9b1a-6a2c5d7e8f90"),
        Created = Created,
        Modified = Created.AddMinutes(3),
        CreatedByRef = Origin,
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        Precedence = "flash",
        Title = "Armed group moving towards the Taftan crossing",
        Description = "Twelve armed men in two pickups, seen 20 km north.",
        Area = new JsonObject { ["type"] = "Circle", ["latitude"] = 28.97, ["longitude"] = 61.59, ["radius"] = 5000.0 },
        SectorCodes = ["TFT-MJV"],
        ValidFrom = Created,
        ValidUntil = Created.AddHours(12),
        Status = "active",
        Revision = 2,
        AcknowledgeBy = new Dictionary<StixId, DateTimeOffset> { [Partner] = Created.AddMinutes(5) },
    };

    internal static LiaisonAcknowledgement Acknowledgement() => new()
    {
        Id = StixId.Parse("liaison-acknowledgement--5d1e2f3a-4b5c-5d6e-8f7a-8b9c0d1e2f3a"),
        Created = Created.AddMinutes(4),
        Modified = Created.AddMinutes(4),
        CreatedByRef = Partner,
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        AlertRef = Alert().Id,
        Acknowledged = Created.AddMinutes(4),
        AcknowledgedBy = "Captain Reza Karimi",
        Response = "Patrols alerted.",
        ActionTaken = "Crossing closed for two hours.",
    };

    [Fact]
    public void Alert_RoundTrips_WithTheNewSdoMarker()
    {
        var copy = StixTestJson.RoundTrip(Alert(), LiaisonAlert.FromJson);

        Assert.Equal(Created.AddMinutes(5), copy.AcknowledgeBy[Partner]);
        Assert.Equal("new-sdo", (string)Alert().ToJson()["extensions"]![LiaisonExtensions.NewObjectTypesExtensionId.ToString()]!["extension_type"]!);
        Assert.Null(copy.Extensions);
    }

    [Fact]
    public void Alert_WithAPolygonAndNoOptionalText_RoundTrips()
    {
        var polygon = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[61.0,28.5],[61.5,28.5],[61.5,29.0],[61.0,28.5]]]}""")!.AsObject();
        var copy = StixTestJson.RoundTrip(Alert() with { Area = polygon, Description = null, SectorCodes = null, Status = "cancelled", StatusReason = "False alarm." }, LiaisonAlert.FromJson);
        Assert.Equal("cancelled", copy.Status);
        Assert.Equal("Polygon", (string)copy.Area!["type"]!);
    }

    [Fact]
    public void Acknowledgement_RoundTrips() =>
        Assert.Equal("Captain Reza Karimi", StixTestJson.RoundTrip(Acknowledgement(), LiaisonAcknowledgement.FromJson).AcknowledgedBy);

    [Fact]
    public void StixObject_ReadsBothTypesIntoTheirRecords()
    {
        Assert.IsType<LiaisonAlert>(StixTestJson.Read(Alert().ToJson(), StixObject.Parse));
        Assert.IsType<LiaisonAcknowledgement>(StixTestJson.Read(Acknowledgement().ToJson(), StixObject.Parse));
    }

    [Theory]
    [InlineData("precedence", "precedence", "\"urgent\"")]
    [InlineData("title", "title", null)]
    [InlineData("status", "status", "\"open\"")]
    [InlineData("revision", "revision", "0")]
    [InlineData("valid_until", "valid_until", "\"2026-11-28T07:00:00Z\"")]
    [InlineData("acknowledge_by", "acknowledge_by", null)]
    [InlineData("acknowledge_by.identity--2f9b1d2e-9c1f-4c55-8a55-0f3b8c3f1a10", "acknowledge_by", "{\"identity--2f9b1d2e-9c1f-4c55-8a55-0f3b8c3f1a10\":\"soon\"}")]
    [InlineData("acknowledge_by.location--2f9b1d2e-9c1f-4c55-8a55-0f3b8c3f1a10", "acknowledge_by", "{\"location--2f9b1d2e-9c1f-4c55-8a55-0f3b8c3f1a10\":\"2026-11-28T08:05:00Z\"}")]
    [InlineData("area.type", "area", "{\"type\":\"Square\"}")]
    [InlineData("area.radius", "area", "{\"type\":\"Circle\",\"latitude\":28.9,\"longitude\":61.5,\"radius\":0}")]
    [InlineData("area.latitude", "area", "{\"type\":\"Circle\",\"latitude\":95,\"longitude\":61.5,\"radius\":10}")]
    [InlineData("area.coordinates[0]", "area", "{\"type\":\"Polygon\",\"coordinates\":[[[61.0,28.5]]]}")]
    [InlineData("extensions", "extensions", null)]
    [InlineData("extensions.extension-definition--732826cf-50f3-41fc-a22d-4fd92340d352.extension_type", "extensions", "{\"extension-definition--732826cf-50f3-41fc-a22d-4fd92340d352\":{\"extension_type\":\"property-extension\"}}")]
    public void Alert_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(Alert().ToJson(), expected, path, valueJson, LiaisonAlert.FromJson);

    [Theory]
    [InlineData("alert_ref", "alert_ref", "\"incident--3c0b7f6e-2d8a-4f4e-9b1a-6a2c5d7e8f90\"")]
    [InlineData("alert_ref", "alert_ref", null)]
    [InlineData("acknowledged", "acknowledged", "\"yesterday\"")]
    [InlineData("acknowledged_by", "acknowledged_by", null)]
    [InlineData("response", "response", "42")]
    public void Acknowledgement_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(Acknowledgement().ToJson(), expected, path, valueJson, LiaisonAcknowledgement.FromJson);
}
