using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Node;

/// <summary>
/// The check every new Liaison object type must pass: valid against the OASIS common schema (new SDOs have no schema
/// of their own, STIX 2.1 §7.3) and read back into its typed record byte for byte.
/// </summary>
internal static class NewObjectConformance
{
    public static void AssertValidAndReadsBack(string what, string json)
    {
        var node = JsonNode.Parse(json)!;

        var errors = StixSchemas.Instance.Validate("common/core.json", node);

        Assert.True(errors.Count == 0, $"{what}: {json}\n{string.Join(Environment.NewLine, errors)}");
        using var document = JsonDocument.Parse(json);
        var parsed = StixObject.Parse(document.RootElement);
        Assert.IsNotType<UnknownStixObject>(parsed);
        Assert.Equal(json, parsed.ToJson().ToJsonString());
    }
}
