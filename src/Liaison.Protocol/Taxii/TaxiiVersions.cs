using System.Text.Json.Serialization;

namespace Liaison.Protocol.Taxii;

/// <summary>The <c>versions</c> resource (TAXII 2.1 §5.8.1): the versions of one object in a collection.</summary>
public sealed record TaxiiVersions
{
    /// <summary>Whether more versions match the request (§3.5); <see langword="false"/> is written as absence.</summary>
    [JsonPropertyName("more")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool More { get; init; }

    /// <summary>The token for the next page, as for an envelope (§3.7); written only when set.</summary>
    [JsonPropertyName("next")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Next { get; init; }

    /// <summary>The versions, for STIX the <c>modified</c> timestamps as stored; with none, the key is omitted and the resource is <c>{}</c>.</summary>
    [JsonPropertyName("versions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Versions { get; init => field = TaxiiLists.NullIfEmpty(value); }
}
