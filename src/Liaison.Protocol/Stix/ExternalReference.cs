using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>A pointer to information outside STIX, such as a CVE or a web page (STIX 2.1 §2.5).</summary>
public sealed record ExternalReference
{
    /// <summary>The system, registry or organization the reference belongs to, such as <c>cve</c>.</summary>
    public required string SourceName { get; init; }

    /// <summary>A human-readable description.</summary>
    public string? Description { get; init; }

    /// <summary>A URL of the external resource.</summary>
    public string? Url { get; init; }

    /// <summary>Hashes of the content at <see cref="Url"/>, keyed by algorithm (hash-algorithm-ov, such as <c>SHA-256</c>).</summary>
    public IReadOnlyDictionary<string, string>? Hashes { get; init; }

    /// <summary>The identifier within the source, such as <c>CVE-2016-1234</c>.</summary>
    public string? ExternalId { get; init; }

    internal JsonObject ToJson()
    {
        var json = new JsonObject { ["source_name"] = SourceName };
        json.SetOptional("description", Description);
        json.SetOptional("url", Url);
        if (Hashes is { Count: > 0 })
        {
            json["hashes"] = new JsonObject(Hashes.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value)));
        }

        json.SetOptional("external_id", ExternalId);
        return json;
    }

    internal static ExternalReference FromJson(JsonElement json, string path, StixObjectReader owner)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw owner.Error(path, $"must be an external-reference object, not {json.ValueKind}.");
        }

        string? Text(string name) => json.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : throw owner.Error($"{path}.{name}", $"must be a string, not {v.ValueKind}.")
            : null;

        Dictionary<string, string>? hashes = null;
        if (json.TryGetProperty("hashes", out var hashesJson) && hashesJson.ValueKind != JsonValueKind.Null)
        {
            if (hashesJson.ValueKind != JsonValueKind.Object)
            {
                throw owner.Error($"{path}.hashes", $"must be a dictionary, not {hashesJson.ValueKind}.");
            }

            hashes = hashesJson.EnumerateObject().ToDictionary(
                h => h.Name,
                h => h.Value.ValueKind == JsonValueKind.String
                    ? h.Value.GetString()!
                    : throw owner.Error($"{path}.hashes.{h.Name}", "must be a string."),
                StringComparer.Ordinal);
        }

        return new ExternalReference
        {
            SourceName = Text("source_name") ?? throw owner.Error($"{path}.source_name", "is required."),
            Description = Text("description"),
            Url = Text("url"),
            Hashes = hashes,
            ExternalId = Text("external_id"),
        };
    }
}
