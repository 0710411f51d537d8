using System.Text.Json.Nodes;
using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class IncidentTests
{
    internal const string Ext = "extensions.extension-definition--c95bbe37-fe0f-42ff-9b16-40252caee667";

    private static readonly DateTimeOffset Created = new(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);

    internal static Incident Full() => new()
    {
        Id = StixId.Parse("incident--2d4e1e3c-0b7a-4a54-8f2e-8c5b1f0e9a11"),
        Created = Created,
        Modified = Created.AddMinutes(10),
        CreatedByRef = StixId.Parse("identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"),
        Name = "Clash at checkpoint 7",
        Description = "Exchange of fire at the northern crossing.",
        KillChainPhases = [new KillChainPhase { KillChainName = "liaison", PhaseName = "attack" }],
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        Confidence = 70,
        Liaison = new LiaisonIncidentExtension
        {
            Occurred = new IncidentOccurrence { Start = Created.AddHours(-3), End = Created.AddHours(-2), Precision = OccurrencePrecision.Range },
            Category = IncidentCategory.ArmedClash,
            PlaceName = "Checkpoint 7, near the old mill",
            SectorCode = "N-04",
            Latitude = 36.1234,
            Longitude = 44.0089,
            LocationRef = StixId.Parse("location--0c8a5bd5-6c1b-4f52-9f1c-2b6f77a1c3f0"),
            Casualties = new IncidentCasualties
            {
                SecurityForces = new CasualtyCount { Killed = 0, Injured = 2 },
                Civilians = new CasualtyCount { Killed = 1 },
                Unknown = new CasualtyCount { Injured = 0 },
            },
            PerpetratorsText = "Unidentified armed group",
            TargetsText = "Border guard post",
            Sources = [new IncidentSource { Name = "Sector N command", Published = Created.AddHours(-1) }, new IncidentSource { Name = "Local radio", Url = "https://radio.example/report/1" }],
            Reliability = SourceReliability.B,
            Credibility = 2,
            Status = IncidentStatus.Published,
            VersionNumber = 3,
        },
    };

    [Fact]
    public void ToJson_WritesTheLiaisonExtensionUnderItsDefinitionId()
    {
        var json = Full().ToJson();
        var extension = json["extensions"]!["extension-definition--c95bbe37-fe0f-42ff-9b16-40252caee667"]!;

        Assert.Equal("property-extension", (string?)extension["extension_type"]);
        Assert.Equal("""{"start":"2026-02-03T01:05:06.789Z","end":"2026-02-03T02:05:06.789Z","precision":"range"}""", extension["occurred"]!.ToJsonString());
        Assert.Equal("armed-clash", (string?)extension["category"]);
        Assert.Equal("""{"security_forces":{"killed":0,"injured":2},"civilians":{"killed":1},"unknown":{"injured":0}}""", extension["casualties"]!.ToJsonString());
        Assert.Equal("B", (string?)extension["reliability"]);
        Assert.Equal(2, (int?)extension["credibility"]);
        Assert.Equal("published", (string?)extension["status"]);
        Assert.Equal(3, (int?)extension["version_number"]);
        Assert.Null(extension["retraction_reason"]);
    }

    [Fact]
    public void ToJson_ThenFromJson_KeepsEveryProperty()
    {
        var copy = StixTestJson.RoundTrip(Full(), Incident.FromJson);

        Assert.Equal(IncidentCategory.ArmedClash, copy.Liaison!.Category);
        Assert.Equal(2, copy.Liaison.Casualties!.SecurityForces!.Injured);
        Assert.Null(copy.Liaison.Casualties.Militants);
        Assert.Null(copy.Liaison.Casualties.Civilians!.Injured);
        Assert.Equal(36.1234, copy.Liaison.Latitude);
        Assert.Equal(Full().Liaison!.Occurred, copy.Liaison.Occurred);
        Assert.Null(copy.Extensions);
    }

    [Fact]
    public void StixIncidentWithoutExtension_IsRead()
    {
        var copy = StixTestJson.RoundTrip(Full() with { Liaison = null, KillChainPhases = null }, Incident.FromJson);

        Assert.Null(copy.Liaison);
        Assert.False(copy.ToJson().ContainsKey("extensions"));
    }

    [Fact]
    public void UnknownExtensions_SurviveTheRoundTrip()
    {
        var json = Full().ToJson();
        json["extensions"]!["extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62"] = JsonNode.Parse("""{"extension_type":"property-extension","rank":5,"nested":{"a":[1,2]}}""");
        json["extensions"]!["x-acme-ext"] = JsonNode.Parse("""{"flag":true}""");

        var incident = StixTestJson.Read(json, Incident.FromJson);
        var written = incident.ToJson();

        Assert.Equal(2, incident.Extensions!.Count);
        Assert.NotNull(incident.Liaison);
        Assert.True(JsonNode.DeepEquals(json["extensions"], written["extensions"]));
    }

    [Fact]
    public void RetractedIncident_NeedsAReason()
    {
        var retracted = Full() with { Liaison = Full().Liaison! with { Status = IncidentStatus.Retracted } };
        Assert.Throws<InvalidOperationException>(() => retracted.ToJson());

        var withReason = retracted with { Liaison = retracted.Liaison! with { RetractionReason = "Duplicate of an earlier report." } };
        Assert.Equal("Duplicate of an earlier report.", StixTestJson.RoundTrip(withReason, Incident.FromJson).Liaison!.RetractionReason);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(7)]
    public void ToJson_CredibilityOutOfRange_Throws(int credibility) =>
        Assert.Throws<InvalidOperationException>(() => (Full() with { Liaison = Full().Liaison! with { Credibility = credibility } }).ToJson());

    [Fact]
    public void ToJson_NegativeCasualties_Throws() =>
        Assert.Throws<InvalidOperationException>(() => (Full() with
        {
            Liaison = Full().Liaison! with { Casualties = new IncidentCasualties { Militants = new CasualtyCount { Killed = -1 } } },
        }).ToJson());

    [Fact]
    public void ToJson_RangeWithoutEnd_Throws() =>
        Assert.Throws<InvalidOperationException>(() => (Full() with
        {
            Liaison = Full().Liaison! with { Occurred = new IncidentOccurrence { Start = Created, Precision = OccurrencePrecision.Range } },
        }).ToJson());

    [Theory]
    [InlineData("name", "name", null)]
    [InlineData("kill_chain_phases[0].phase_name", "kill_chain_phases", "[{\"kill_chain_name\":\"x\"}]")]
    [InlineData("kill_chain_phases[0]", "kill_chain_phases", "[\"attack\"]")]
    [InlineData("extensions", "extensions", "[]")]
    [InlineData("extensions.not-an-extension", "extensions.not-an-extension", "{}")]
    [InlineData(Ext + ".extension_type", Ext + ".extension_type", "\"new-sdo\"")]
    [InlineData(Ext + ".extension_type", Ext + ".extension_type", null)]
    [InlineData(Ext + ".occurred", Ext + ".occurred", null)]
    [InlineData(Ext + ".occurred.start", Ext + ".occurred.start", "\"2026-02-03 01:05\"")]
    [InlineData(Ext + ".occurred.end", Ext + ".occurred.end", null)]
    [InlineData(Ext + ".occurred.end", Ext + ".occurred.end", "\"2020-01-01T00:00:00Z\"")]
    [InlineData(Ext + ".occurred.precision", Ext + ".occurred.precision", "\"hour\"")]
    [InlineData(Ext + ".category", Ext + ".category", "\"riot\"")]
    [InlineData(Ext + ".category", Ext + ".category", null)]
    [InlineData(Ext + ".latitude", Ext + ".latitude", "91")]
    [InlineData(Ext + ".longitude", Ext + ".longitude", "-180.5")]
    [InlineData(Ext + ".longitude", Ext + ".longitude", null)]
    [InlineData(Ext + ".latitude", Ext + ".latitude", "\"36.1\"")]
    [InlineData(Ext + ".location_ref", Ext + ".location_ref", "\"identity--0c8a5bd5-6c1b-4f52-9f1c-2b6f77a1c3f0\"")]
    [InlineData(Ext + ".casualties.civilians.killed", Ext + ".casualties.civilians.killed", "-1")]
    [InlineData(Ext + ".casualties.civilians.killed", Ext + ".casualties.civilians.killed", "1.5")]
    [InlineData(Ext + ".casualties.militants", Ext + ".casualties.militants", "3")]
    [InlineData(Ext + ".sources", Ext + ".sources", "[]")]
    [InlineData(Ext + ".sources[1].name", Ext + ".sources", "[{\"name\":\"a\"},{\"url\":\"https://x.example\"}]")]
    [InlineData(Ext + ".sources[0].published", Ext + ".sources", "[{\"name\":\"a\",\"published\":\"yesterday\"}]")]
    [InlineData(Ext + ".reliability", Ext + ".reliability", "\"G\"")]
    [InlineData(Ext + ".credibility", Ext + ".credibility", "0")]
    [InlineData(Ext + ".credibility", Ext + ".credibility", "\"2\"")]
    [InlineData(Ext + ".status", Ext + ".status", "\"deleted\"")]
    [InlineData(Ext + ".status", Ext + ".status", null)]
    [InlineData(Ext + ".retraction_reason", Ext + ".status", "\"retracted\"")]
    [InlineData(Ext + ".retraction_reason", Ext + ".retraction_reason", "\"why\"")]
    [InlineData(Ext + ".version_number", Ext + ".version_number", "0")]
    [InlineData(Ext + ".version_number", Ext + ".version_number", null)]
    public void FromJson_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(Full().ToJson(), expected, path, valueJson, Incident.FromJson);
}
