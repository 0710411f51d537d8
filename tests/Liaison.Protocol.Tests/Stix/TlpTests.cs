using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class TlpTests
{
    [Theory]
    [InlineData(TlpLevel.Clear, "TLP:CLEAR", "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "clear")]
    [InlineData(TlpLevel.Green, "TLP:GREEN", "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "green")]
    [InlineData(TlpLevel.Amber, "TLP:AMBER", "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "amber")]
    [InlineData(TlpLevel.AmberStrict, "TLP:AMBER+STRICT", "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "amber+strict")]
    [InlineData(TlpLevel.Red, "TLP:RED", "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "red")]
    public void Marking_IsThePublishedTlp20Object(TlpLevel level, string name, string id, string value)
    {
        var json = StixJson.ToJsonString(Tlp.Get(level).ToJson());

        Assert.Equal(
            """{"type":"marking-definition","spec_version":"2.1","id":"ID","created":"2022-10-01T00:00:00.000Z","name":"NAME","extensions":{"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d":{"extension_type":"property-extension","tlp_2_0":"VALUE"}}}"""
                .Replace("ID", id, StringComparison.Ordinal).Replace("NAME", name, StringComparison.Ordinal).Replace("VALUE", value, StringComparison.Ordinal),
            json);
        Assert.Equal(id, Tlp.IdOf(level).ToString());
        Assert.Equal(name, Tlp.NameOf(level));
        Assert.True(Tlp.TryFromId(StixId.Parse(id), out var byId));
        Assert.Equal(level, byId);
        Assert.True(Tlp.TryFromName(name, out var byName));
        Assert.Equal(level, byName);
        Assert.True(Tlp.TryFromName(name[4..].ToLowerInvariant(), out var byShortName));
        Assert.Equal(level, byShortName);
    }

    [Fact]
    public void All_HoldsFiveDistinctMarkingsInOrder()
    {
        Assert.Equal(
            [TlpLevel.Clear, TlpLevel.Green, TlpLevel.Amber, TlpLevel.AmberStrict, TlpLevel.Red],
            Tlp.All.Select(m => Tlp.TryFromId(m.Id, out var l) ? l : throw new InvalidOperationException()));
        Assert.Equal(5, Tlp.All.Select(m => m.Id).Distinct().Count());
        Assert.Same(Tlp.AmberStrict.Name, Tlp.NameOf(TlpLevel.AmberStrict));
    }

    [Theory]
    [InlineData("TLP:WHITE")]
    [InlineData("TLP:AMBER+")]
    [InlineData("")]
    [InlineData(null)]
    public void TryFromName_Unknown_IsFalse(string? name) => Assert.False(Tlp.TryFromName(name, out _));

    [Fact]
    public void TryFromId_Tlp1Id_IsFalse() =>
        Assert.False(Tlp.TryFromId(StixId.Parse("marking-definition--f88d31f6-486f-44da-b317-01333bde0b82"), out _));

    [Fact]
    public void StrictestOf_PicksTheMostRestrictiveTlpLevel()
    {
        var refs = new[] { Tlp.IdOf(TlpLevel.Green), StixId.NewRandom("marking-definition"), Tlp.IdOf(TlpLevel.AmberStrict) };

        Assert.Equal(TlpLevel.AmberStrict, Tlp.StrictestOf(refs));
        Assert.Null(Tlp.StrictestOf([StixId.NewRandom("marking-definition")]));
        Assert.Null(Tlp.StrictestOf(null));
    }

    [Fact]
    public void Marking_RoundTripsThroughTheReader()
    {
        foreach (var marking in Tlp.All)
        {
            var copy = StixTestJson.RoundTrip(marking, MarkingDefinition.FromJson);
            Assert.Equal(marking.Id, copy.Id);
        }
    }

    [Fact]
    public void StatementMarking_RoundTrips()
    {
        var statement = StixTestJson.Read(
            System.Text.Json.Nodes.JsonNode.Parse("""{"type":"marking-definition","spec_version":"2.1","id":"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da","created":"2017-01-20T00:00:00.000Z","definition_type":"statement","definition":{"statement":"Copyright 2019"}}""")!,
            MarkingDefinition.FromJson);

        Assert.Equal("statement", statement.DefinitionType);
        StixTestJson.RoundTrip(statement, MarkingDefinition.FromJson);
    }

    [Theory]
    [InlineData("id", "id", "\"identity--94868c89-83c2-464b-929b-a1a8aa3c8487\"")]
    [InlineData("created", "created", null)]
    [InlineData("spec_version", "spec_version", null)]
    [InlineData("definition_type", "extensions", null)]
    [InlineData("extensions", "extensions", "{}")]
    [InlineData("extensions.x", "extensions.x", "{}")]
    [InlineData("extensions.extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.extension_type", "extensions.extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d.extension_type", "\"other\"")]
    public void FromJson_InvalidProperty_ThrowsNamingTheProperty(string expected, string path, string? valueJson) =>
        StixTestJson.AssertRejected(Tlp.Red.ToJson(), expected, path, valueJson, MarkingDefinition.FromJson);
}
