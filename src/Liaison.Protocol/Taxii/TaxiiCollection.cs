using System.Text.Json.Serialization;

namespace Liaison.Protocol.Taxii;

/// <summary>The <c>collection</c> resource (TAXII 2.1 §5.2.1), as seen by the requesting client.</summary>
public sealed record TaxiiCollection
{
    /// <summary>The collection's identifier, used as <c>{id}</c> in its URLs.</summary>
    [JsonPropertyName("id")]
    public required Guid Id { get; init; }

    /// <summary>A human-readable name for the collection.</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>A human-readable description of the collection.</summary>
    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>A name, unique within the API root, that can stand for <see cref="Id"/> in URLs.</summary>
    [JsonPropertyName("alias")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Alias { get; init; }

    /// <summary>Whether the requester may get objects and manifests from the collection.</summary>
    [JsonPropertyName("can_read")]
    public required bool CanRead { get; init; }

    /// <summary>Whether the requester may add objects to the collection.</summary>
    [JsonPropertyName("can_write")]
    public required bool CanWrite { get; init; }

    /// <summary>
    /// The media types of the collection's objects, such as <see cref="TaxiiMediaTypes.Stix21"/>; absence means
    /// <c>application/stix+json</c>. An empty list is held as <see langword="null"/> and omitted.
    /// </summary>
    [JsonPropertyName("media_types")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? MediaTypes { get; init => field = TaxiiLists.NullIfEmpty(value); }
}

/// <summary>The <c>collections</c> resource (TAXII 2.1 §5.1.1): the collections of an API root.</summary>
public sealed record TaxiiCollections
{
    /// <summary>The collections, in a consistent order (§3.3); with none, the key is omitted and the resource is <c>{}</c>.</summary>
    [JsonPropertyName("collections")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TaxiiCollection>? Collections { get; init => field = TaxiiLists.NullIfEmpty(value); }
}
