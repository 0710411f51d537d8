using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class LiaisonRosterTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 28, 6, 0, 0, 125, TimeSpan.Zero);
    private static readonly StixId Party = StixId.Parse("identity--7b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e");

    internal static LiaisonOfficer Officer() => new()
    {
        Id = StixId.Parse("liaison-officer--3a4b5c6d-7e8f-5a0b-9c1d-2e3f4a5b6c7d"),
        Created = At,
        Modified = At.AddHours(1),
        CreatedByRef = Party,
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        Name = "Asad Khan",
        Rank = "Major",
        SectorCode = "TFT-MJV",
        Contacts = [new("phone", "+92-000-0101-00"), new("radio", "FC TFT-MJV net 1")],
    };

    internal static LiaisonDutyShift Shift() => new()
    {
        Id = StixId.Parse("liaison-duty-shift--4b5c6d7e-8f9a-5b1c-8d2e-3f4a5b6c7d8e"),
        Created = At,
        Modified = At,
        CreatedByRef = Party,
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        OfficerRef = Officer().Id,
        SectorCode = "TFT-MJV",
        Role = "duty-officer",
        Start = At,
        End = At.AddHours(12),
    };

    [Fact]
    public void Officer_RoundTrips_WithTheNewSdoMarker()
    {
        var copy = StixTestJson.RoundTrip(Officer(), LiaisonOfficer.FromJson);

        Assert.Equal(["phone", "radio"], copy.Contacts!.Select(c => c.Kind));
        Assert.Equal("TFT-MJV", copy.SectorCode);
        Assert.Equal("new-sdo", (string)Officer().ToJson()["extensions"]![LiaisonExtensions.NewObjectTypesExtensionId.ToString()]!["extension_type"]!);
    }

    [Fact]
    public void Officer_WithOnlyAName_RoundTrips_WithoutEmptyLists()
    {
        var bare = Officer() with { Rank = null, SectorCode = null, Contacts = [] };

        var json = bare.ToJson();
        var copy = StixTestJson.RoundTrip(bare with { Contacts = null }, LiaisonOfficer.FromJson);

        Assert.False(json.ContainsKey("contacts"));
        Assert.Null(copy.Rank);
        Assert.Null(copy.Contacts);
    }

    [Fact]
    public void RevokedOfficer_RoundTrips_AsRevoked() =>
        Assert.True(StixTestJson.RoundTrip(Officer() with { Revoked = true, Modified = At.AddHours(2) }, LiaisonOfficer.FromJson).Revoked);

    [Fact]
    public void Shift_RoundTrips()
    {
        var copy = StixTestJson.RoundTrip(Shift(), LiaisonDutyShift.FromJson);

        Assert.Equal(Officer().Id, copy.OfficerRef);
        Assert.Equal(At.AddHours(12), copy.End);
    }

    [Fact]
    public void StixObject_ReadsBothTypesIntoTheirRecords()
    {
        Assert.IsType<LiaisonOfficer>(StixTestJson.Read(Officer().ToJson(), StixObject.Parse));
        Assert.IsType<LiaisonDutyShift>(StixTestJson.Read(Shift().ToJson(), StixObject.Parse));
    }

    [Theory]
    [InlineData("name", "name", null)]
    [InlineData("contacts", "contacts", "[]")]
    [InlineData("contacts[0].kind", "contacts", "[{\"kind\":\"email\",\"value\":\"a@b.invalid\"}]")]
    [InlineData("contacts[0].value", "contacts", "[{\"kind\":\"phone\"}]")]
    [InlineData("sector_code", "sector_code", "7")]
    public void Officer_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(Officer().ToJson(), expected, path, valueJson, LiaisonOfficer.FromJson);

    [Theory]
    [InlineData("officer_ref", "officer_ref", "\"identity--7b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e\"")]
    [InlineData("officer_ref", "officer_ref", null)]
    [InlineData("sector_code", "sector_code", null)]
    [InlineData("role", "role", "\"commander\"")]
    [InlineData("start", "start", "\"this morning\"")]
    [InlineData("end", "end", "\"2026-11-28T06:00:00.125Z\"")]
    public void Shift_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(Shift().ToJson(), expected, path, valueJson, LiaisonDutyShift.FromJson);

    [Fact]
    public void Shift_WithoutTheNewSdoMarker_IsRejected() =>
        StixTestJson.AssertRejected(Shift().ToJson(), "extensions", "extensions", null, LiaisonDutyShift.FromJson);
}
