using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class IdentityTests
{
    private static readonly DateTimeOffset Created = new(2025, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static Identity Organization() => new()
    {
        Id = StixId.Parse("identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"),
        Created = Created,
        Modified = Created.AddMinutes(5),
        Name = "County Fire Service",
        IdentityClass = "organization",
        Sectors = ["emergency-services"],
    };

    [Fact]
    public void ToJson_WritesStixPropertyNamesAndOmitsAbsentOnes()
    {
        var json = Organization().ToJson();

        Assert.Equal(
            """{"type":"identity","spec_version":"2.1","id":"identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f","created":"2025-03-01T10:00:00.000Z","modified":"2025-03-01T10:05:00.000Z","name":"County Fire Service","identity_class":"organization","sectors":["emergency-services"]}""",
            StixJson.ToJsonString(json));
    }

    [Fact]
    public void ToJson_EmptyLists_AreOmitted()
    {
        var json = (Organization() with { Sectors = [], Roles = [], Labels = [] }).ToJson();

        Assert.False(json.ContainsKey("sectors"));
        Assert.False(json.ContainsKey("roles"));
        Assert.False(json.ContainsKey("labels"));
    }

    [Fact]
    public void ToJson_ThenFromJson_KeepsEveryProperty()
    {
        var original = Organization() with
        {
            CreatedByRef = StixId.Parse("identity--f690c992-8e7d-4b9a-9303-3312616c0220"),
            Description = "Fire and rescue for the county.",
            Roles = ["responder"],
            ContactInformation = "duty-officer@fire.example, +44 20 7946 0000",
            Labels = ["partner"],
            Confidence = 90,
            Lang = "en",
            Revoked = true,
            ObjectMarkingRefs = [StixId.Parse("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb")],
            ExternalReferences =
            [
                new ExternalReference
                {
                    SourceName = "register",
                    Url = "https://example.org/fire",
                    ExternalId = "FS-42",
                    Hashes = new Dictionary<string, string> { ["SHA-256"] = new string('a', 64) },
                },
            ],
        };

        var text = StixJson.ToJsonString(original.ToJson());
        using var document = JsonDocument.Parse(text);
        var copy = Identity.FromJson(document.RootElement);

        Assert.Equal(text, StixJson.ToJsonString(copy.ToJson()));
        Assert.Equal(original.Id, copy.Id);
        Assert.Equal(original.Modified, copy.Modified);
        Assert.Equal("FS-42", Assert.Single(copy.ExternalReferences!).ExternalId);
    }

    [Fact]
    public void ToJson_NonAsciiName_IsWrittenUnescaped()
    {
        var text = StixJson.ToJsonString((Organization() with { Name = "سازمان مدیریت بحران" }).ToJson());

        Assert.Contains("\"name\":\"سازمان مدیریت بحران\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Id_OfAnotherType_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => Organization() with { Id = StixId.NewRandom("location") });
    }

    [Fact]
    public void ToJson_ModifiedBeforeCreated_Throws()
    {
        var identity = Organization() with { Modified = Created.AddSeconds(-1) };

        Assert.Throws<InvalidOperationException>(() => identity.ToJson());
    }

    [Fact]
    public void FromJson_MinimalStix21Identity_IsRead()
    {
        var identity = Read("""
            {"type":"identity","spec_version":"2.1","id":"identity--f690c992-8e7d-4b9a-9303-3312616c0220",
             "created":"2016-08-08T15:50:10.983Z","modified":"2016-08-08T15:50:10.983Z","name":"ACME"}
            """);

        Assert.Equal("ACME", identity.Name);
        Assert.Null(identity.IdentityClass);
        Assert.Equal(new DateTimeOffset(2016, 8, 8, 15, 50, 10, 983, TimeSpan.Zero), identity.Created);
    }

    [Theory]
    [InlineData("type", "\"location\"")]
    [InlineData("type", null)]
    [InlineData("spec_version", null)]
    [InlineData("spec_version", "\"2.0\"")]
    [InlineData("id", null)]
    [InlineData("id", "\"location--f690c992-8e7d-4b9a-9303-3312616c0220\"")]
    [InlineData("id", "\"identity--not-a-uuid\"")]
    [InlineData("created", null)]
    [InlineData("created", "\"2016-08-08 15:50:10Z\"")]
    [InlineData("modified", "\"2016-08-08T15:50:10.000Z\"")]
    [InlineData("name", null)]
    [InlineData("name", "42")]
    [InlineData("sectors", "[]")]
    [InlineData("sectors", "\"government\"")]
    [InlineData("sectors[0]", "[7]")]
    [InlineData("created_by_ref", "\"organization--f690c992-8e7d-4b9a-9303-3312616c0220\"")]
    [InlineData("confidence", "101")]
    [InlineData("object_marking_refs[0]", "[\"identity--f690c992-8e7d-4b9a-9303-3312616c0220\"]")]
    [InlineData("external_references[0].source_name", "[{\"url\":\"https://example.org\"}]")]
    public void FromJson_InvalidProperty_ThrowsNamingTheProperty(string property, string? valueJson)
    {
        var json = JsonNode.Parse("""
            {"type":"identity","spec_version":"2.1","id":"identity--f690c992-8e7d-4b9a-9303-3312616c0220",
             "created":"2016-08-08T15:50:10.983Z","modified":"2016-08-08T15:50:10.983Z","name":"ACME"}
            """)!.AsObject();
        var key = property.Split('[', '.')[0];
        json.Remove(key);
        if (valueJson is not null)
        {
            json[key] = JsonNode.Parse(valueJson);
        }

        var error = Assert.Throws<StixFormatException>(() => Read(json.ToJsonString()));

        Assert.Equal(property, error.PropertyName);
        Assert.StartsWith(property + ":", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_NotAnObject_Throws()
    {
        Assert.Throws<StixFormatException>(() => Read("[]"));
    }

    private static Identity Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Identity.FromJson(document.RootElement);
    }
}
