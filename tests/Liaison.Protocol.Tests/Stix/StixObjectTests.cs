using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class StixObjectTests
{
    internal static IReadOnlyList<IStixObject> EveryKind() =>
    [
        LiaisonExtensions.VendorIdentity,
        LiaisonExtensions.IncidentExtension,
        LiaisonExtensions.NewObjectTypes,
        .. Tlp.All,
        IncidentTests.Full(),
        LocationTests.Point(),
        ThreatActorAndIntrusionSetTests.Actor(),
        ThreatActorAndIntrusionSetTests.Set(),
        RelationshipTests.LocatedAt(),
    ];

    [Fact]
    public void Parse_KnownTypes_GiveTheirRecords()
    {
        foreach (var value in EveryKind())
        {
            var parsed = StixTestJson.Read(value.ToJson(), StixObject.Parse);

            Assert.IsType(value.GetType(), parsed);
            Assert.Equal(StixJson.ToJsonString(value.ToJson()), StixJson.ToJsonString(parsed.ToJson()));
        }
    }

    [Fact]
    public void Parse_UnknownType_KeepsTheRawJson()
    {
        var json = JsonNode.Parse("""{"type":"x-liaison-alert","spec_version":"2.1","id":"x-liaison-alert--4a3c5f8e-1b2d-4c6e-9f0a-7b8c9d0e1f2a","anything":{"goes":[1,"two",null]}}""")!;

        var parsed = Assert.IsType<UnknownStixObject>(StixTestJson.Read(json, StixObject.Parse));

        Assert.Equal("x-liaison-alert", parsed.Type);
        Assert.True(JsonNode.DeepEquals(json, parsed.ToJson()));
    }

    [Theory]
    [InlineData("""{"id":"indicator--4a3c5f8e-1b2d-4c6e-9f0a-7b8c9d0e1f2a"}""", "type")]
    [InlineData("""{"type":"indicator"}""", "id")]
    [InlineData("""{"type":"indicator","id":"malware--4a3c5f8e-1b2d-4c6e-9f0a-7b8c9d0e1f2a"}""", "id")]
    [InlineData("""{"type":"Indicator","id":"Indicator--4a3c5f8e-1b2d-4c6e-9f0a-7b8c9d0e1f2a"}""", "type")]
    public void Parse_ObjectWithoutTypeOrId_Throws(string json, string property)
    {
        var error = Assert.Throws<StixFormatException>(() => StixTestJson.Read(JsonNode.Parse(json)!, StixObject.Parse));

        Assert.Equal(property, error.PropertyName);
    }

    [Fact]
    public void BundleReader_ReadsEveryKindAndUnknownOnes()
    {
        var unknown = JsonNode.Parse("""{"type":"indicator","spec_version":"2.1","id":"indicator--4a3c5f8e-1b2d-4c6e-9f0a-7b8c9d0e1f2a","pattern":"[x]"}""")!;
        var bundle = StixBundle.Create([.. EveryKind().Select(o => (JsonNode)o.ToJson()), unknown]);

        var parsed = StixBundleReader.Read(StixJson.ToJsonString(bundle.ToJson()));

        Assert.Equal(bundle.Id, parsed.Id);
        Assert.Equal(EveryKind().Count + 1, parsed.Objects.Count);
        Assert.Single(parsed.OfType<Incident>());
        Assert.Equal(5, parsed.OfType<MarkingDefinition>().Count());
        Assert.IsType<UnknownStixObject>(parsed.Objects[^1]);
    }

    [Fact]
    public void BundleReader_MalformedKnownObject_NamesItsIndexAndProperty()
    {
        var bad = IncidentTests.Full().ToJson();
        bad.Remove("name");
        var bundle = StixBundle.Create([LocationTests.Point().ToJson(), bad]);

        var error = Assert.Throws<StixFormatException>(() => StixBundleReader.Read(StixJson.ToJsonString(bundle.ToJson())));

        Assert.Equal("objects[1].name", error.PropertyName);
        Assert.StartsWith("objects[1].name: incident--", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", null)]
    [InlineData("not json", null)]
    [InlineData("""{"type":"identity","id":"bundle--4a3c5f8e-1b2d-4c6e-9f0a-7b8c9d0e1f2a"}""", "type")]
    [InlineData("""{"type":"bundle","id":"identity--4a3c5f8e-1b2d-4c6e-9f0a-7b8c9d0e1f2a"}""", "id")]
    [InlineData("""{"type":"bundle","id":"bundle--4a3c5f8e-1b2d-4c6e-9f0a-7b8c9d0e1f2a","objects":{}}""", "objects")]
    public void BundleReader_NotABundle_Throws(string json, string? property)
    {
        var error = Assert.Throws<StixFormatException>(() => StixBundleReader.Read(json));

        Assert.Equal(property, error.PropertyName);
    }

    [Fact]
    public void BundleReader_EmptyBundle_HasNoObjects()
    {
        using var document = JsonDocument.Parse("""{"type":"bundle","id":"bundle--4a3c5f8e-1b2d-4c6e-9f0a-7b8c9d0e1f2a"}""");

        Assert.Empty(StixBundleReader.Read(document.RootElement).Objects);
    }
}
