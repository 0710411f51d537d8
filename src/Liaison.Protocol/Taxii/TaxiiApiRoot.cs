using System.Text.Json.Serialization;

namespace Liaison.Protocol.Taxii;

/// <summary>The <c>api-root</c> resource (TAXII 2.1 §4.2.1).</summary>
public sealed record TaxiiApiRoot
{
    /// <summary>A human-readable name for the API root.</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>A human-readable description of the API root.</summary>
    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>The TAXII media types the root supports, with their version; must include <see cref="TaxiiMediaTypes.Taxii21"/>.</summary>
    [JsonPropertyName("versions")]
    public required IReadOnlyList<string> Versions { get; init; }

    /// <summary>The largest request body, in octets, that the server accepts; a positive integer.</summary>
    [JsonPropertyName("max_content_length")]
    public required long MaxContentLength { get; init; }
}
