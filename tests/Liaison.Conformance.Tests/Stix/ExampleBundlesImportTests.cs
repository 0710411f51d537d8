using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Stix;

/// <summary>Every OASIS example imports through the reader: known types typed, the rest kept raw, nothing thrown.</summary>
[Trait("Category", "Conformance")]
public class ExampleBundlesImportTests
{
    public static TheoryData<string> ExampleFiles() => [.. ExampleFileNames()];

    private static List<string> ExampleFileNames()
    {
        var folder = StandardsFolder.Get("stix2.1", "examples");
        return [.. Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(folder, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)];
    }

    [Theory]
    [MemberData(nameof(ExampleFiles))]
    public void Example_ImportsWithoutError_AndKnownObjectsRoundTrip(string file)
    {
        var text = File.ReadAllText(StandardsFolder.Get("stix2.1", "examples", file));
        using var document = JsonDocument.Parse(text);

        // Most examples are bundles; a few are a single object, which goes through StixObject.Parse.
        var objects = document.RootElement.GetProperty("type").GetString() == StixBundle.TypeName
            ? StixBundleReader.Read(text).Objects
            : [StixObject.Parse(document.RootElement)];
        var originals = document.RootElement.TryGetProperty("objects", out var array) ? [.. array.EnumerateArray()] : new[] { document.RootElement };

        Assert.NotEmpty(objects);
        Assert.Equal(originals.Length, objects.Count);
        for (var i = 0; i < objects.Count; i++)
        {
            Assert.Equal(originals[i].GetProperty("type").GetString(), objects[i].Type);
            Assert.Equal(objects[i] is UnknownStixObject, !StixObject.KnownTypes.Contains(objects[i].Type));

            // Every property of the example objects is modelled, so even known types come back unchanged,
            // except that identifiers are written with a lowercase UUID (RFC 4122 §3; one example has an uppercase "E").
            var original = Normalized(JsonNode.Parse(originals[i].GetRawText()));
            var written = Normalized(objects[i].ToJson());
            Assert.True(JsonNode.DeepEquals(original, written), $"{file}: {objects[i].Id} changed:\n{original}\n{written}");
        }
    }

    [Fact]
    public void Examples_TogetherHoldKnownAndUnknownTypes()
    {
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        var unknown = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in ExampleFileNames())
        {
            var text = File.ReadAllText(StandardsFolder.Get("stix2.1", "examples", file));
            if (!text.Contains("\"bundle\"", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var o in StixBundleReader.Read(text).Objects)
            {
                var counts = o is UnknownStixObject ? unknown : known;
                counts[o.Type] = counts.GetValueOrDefault(o.Type) + 1;
            }
        }

        // The counts of the OASIS examples as shipped (stix2.1/examples): a change in the data shows here.
        Assert.Equal(130, known.GetValueOrDefault(Relationship.TypeName));
        Assert.Equal(7, known.GetValueOrDefault(Identity.TypeName));
        Assert.Equal(5, known.GetValueOrDefault(ThreatActor.TypeName));
        Assert.Equal(1, known.GetValueOrDefault(IntrusionSet.TypeName));
        Assert.True(unknown.GetValueOrDefault("indicator") > 0);
        Assert.True(unknown.GetValueOrDefault("malware") > 0);
        Assert.True(unknown.ContainsKey("ipv4-addr"));
    }

    private static JsonNode? Normalized(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, Normalized(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Normalized)]),
        JsonValue value when value.TryGetValue<string>(out var text) && StixId.TryParse(text, out var id) => JsonValue.Create(id.ToString()),
        _ => node?.DeepClone(),
    };
}
