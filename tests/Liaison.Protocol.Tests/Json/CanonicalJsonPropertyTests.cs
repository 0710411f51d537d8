using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Liaison.Protocol.Json;

namespace Liaison.Protocol.Tests.Json;

[Properties(Arbitrary = [typeof(JsonGenerators)], MaxTest = 300)]
public class CanonicalJsonPropertyTests
{
    [Property]
    public bool Canonicalize_IsIdempotent(JsonSample sample)
    {
        var once = CanonicalJson.CanonicalizeToString(JsonNode.Parse(sample.Text));
        var twice = CanonicalJson.CanonicalizeToString(JsonNode.Parse(once));

        return once == twice;
    }

    [Property]
    public bool Canonicalize_IsInvariantUnderPropertyReordering(JsonSample sample, int seed)
    {
        var original = JsonNode.Parse(sample.Text);
        var reordered = Reorder(original, new Random(seed));

        return CanonicalJson.CanonicalizeToString(original) == CanonicalJson.CanonicalizeToString(reordered);
    }

    [Property]
    public bool Canonicalize_NodeAndParsedElement_Agree(JsonSample sample)
    {
        using var document = System.Text.Json.JsonDocument.Parse(sample.Text);

        return CanonicalJson.CanonicalizeToString(JsonNode.Parse(sample.Text)) == CanonicalJson.CanonicalizeToString(document.RootElement);
    }

    private static JsonNode? Reorder(JsonNode? node, Random random) => node switch
    {
        JsonObject obj => new JsonObject(obj.ToList().OrderBy(_ => random.Next()).Select(p => KeyValuePair.Create(p.Key, Reorder(p.Value, random)))),
        JsonArray array => new JsonArray([.. array.Select(item => Reorder(item, random))]),
        _ => node?.DeepClone(),
    };
}
