using System.Text.Json.Nodes;
using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class StixBundleTests
{
    private static Identity Party(string name) => new()
    {
        Id = StixId.NewRandom(Identity.TypeName),
        Created = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Modified = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Name = name,
    };

    [Fact]
    public void ToJson_WritesTypeIdAndObjects_WithoutSpecVersion()
    {
        var bundle = StixBundle.Create(Party("A"), Party("B"));

        var json = bundle.ToJson();

        Assert.Equal("bundle", (string?)json["type"]);
        Assert.StartsWith("bundle--", (string?)json["id"], StringComparison.Ordinal);
        Assert.False(json.ContainsKey("spec_version"));
        Assert.Equal(["A", "B"], json["objects"]!.AsArray().Select(o => (string)o!["name"]!));
    }

    [Fact]
    public void ToJson_LeavesCallersNodesUsable()
    {
        var node = Party("A").ToJson();
        var bundle = StixBundle.Create([node]);

        _ = bundle.ToJson();
        var again = new JsonArray(node);

        Assert.Single(again);
    }

    [Fact]
    public void ToJson_NoObjects_OmitsObjects()
    {
        var json = StixBundle.Create(Array.Empty<JsonNode>()).ToJson();

        Assert.False(json.ContainsKey("objects"));
    }

    [Fact]
    public void Constructor_NonBundleId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new StixBundle(StixId.NewRandom("identity"), []));
    }
}
