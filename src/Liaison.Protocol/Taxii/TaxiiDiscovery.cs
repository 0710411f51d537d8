using System.Text.Json.Serialization;

namespace Liaison.Protocol.Taxii;

/// <summary>The <c>discovery</c> resource (TAXII 2.1 §4.1.1), served at <c>/taxii2/</c>.</summary>
public sealed record TaxiiDiscovery
{
    /// <summary>A human-readable name for the server.</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>A human-readable description of the server.</summary>
    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>Contact information for the server or its administrator.</summary>
    [JsonPropertyName("contact")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Contact { get; init; }

    /// <summary>The default API root; when present it must be one of <see cref="ApiRoots"/>.</summary>
    [JsonPropertyName("default")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Default { get; init; }

    /// <summary>
    /// The advertised API roots: HTTPS absolute URLs, or relative URLs starting with a single <c>/</c>, never with a
    /// query. An empty list is held as <see langword="null"/> and omitted.
    /// </summary>
    [JsonPropertyName("api_roots")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? ApiRoots { get; init => field = TaxiiLists.NullIfEmpty(value); }
}
