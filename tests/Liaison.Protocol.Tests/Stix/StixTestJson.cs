using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

/// <summary>Helpers for the valid/invalid tables: mutate one property of a known-good object and read it back.</summary>
internal static class StixTestJson
{
    /// <summary>Sets (or, with a null value, removes) a property named by a dot path such as <c>a.b.c</c>.</summary>
    public static JsonObject With(JsonObject root, string path, string? valueJson)
    {
        var copy = (JsonObject)root.DeepClone();
        var parts = path.Split('.');
        var target = copy;
        foreach (var part in parts[..^1])
        {
            target = target[part]!.AsObject();
        }

        target.Remove(parts[^1]);
        if (valueJson is not null)
        {
            target[parts[^1]] = JsonNode.Parse(valueJson);
        }

        return copy;
    }

    public static T Read<T>(JsonNode json, Func<JsonElement, T> read)
    {
        using var document = JsonDocument.Parse(json.ToJsonString());
        return read(document.RootElement);
    }

    public static void AssertRejected<T>(JsonObject good, string expectedProperty, string path, string? valueJson, Func<JsonElement, T> read)
    {
        var bad = With(good, path, valueJson);

        var error = Assert.Throws<StixFormatException>(() => Read(bad, read));

        Assert.Equal(expectedProperty, error.PropertyName);
        Assert.StartsWith(expectedProperty + ":", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Writes, reads back and writes again; the two texts must be equal.</summary>
    public static T RoundTrip<T>(T value, Func<JsonElement, T> read)
        where T : IStixObject
    {
        var text = StixJson.ToJsonString(value.ToJson());
        var copy = Read(JsonNode.Parse(text)!, read);
        Assert.Equal(text, StixJson.ToJsonString(copy.ToJson()));
        return copy;
    }
}
