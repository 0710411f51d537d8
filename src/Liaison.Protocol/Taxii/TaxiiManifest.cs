using System.Text.Json.Serialization;

namespace Liaison.Protocol.Taxii;

/// <summary>The <c>manifest</c> resource (TAXII 2.1 §5.3.1): one record per object version, oldest <c>date_added</c> first.</summary>
public sealed record TaxiiManifest
{
    /// <summary>Whether more records match the request (§3.5); <see langword="false"/> is written as absence.</summary>
    [JsonPropertyName("more")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool More { get; init; }

    /// <summary>
    /// The token for the next page, as for an envelope (§3.7). §5.3.1 does not list it for manifests, so clients
    /// may ignore it and page with <c>added_after</c> instead (§3.5); written only when set.
    /// </summary>
    [JsonPropertyName("next")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Next { get; init; }

    /// <summary>The records; with none, the key is omitted and the resource is <c>{}</c>.</summary>
    [JsonPropertyName("objects")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TaxiiManifestRecord>? Objects { get; init => field = TaxiiLists.NullIfEmpty(value); }
}

/// <summary>The <c>manifest-record</c> type (TAXII 2.1 §5.3.1): one version of one object in a collection.</summary>
public sealed record TaxiiManifestRecord
{
    /// <summary>The object's identifier; for STIX, its <c>id</c>.</summary>
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>When this version was added to the collection.</summary>
    [JsonPropertyName("date_added")]
    [JsonConverter(typeof(TaxiiTimestampJsonConverter))]
    public required DateTimeOffset DateAdded { get; init; }

    /// <summary>The version; for STIX, the <c>modified</c> timestamp (or <c>created</c> when unversioned), exactly as stored.</summary>
    [JsonPropertyName("version")]
    public required string Version { get; init; }

    /// <summary>The media type this version is available in, one of the collection's <c>media_types</c>.</summary>
    [JsonPropertyName("media_type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MediaType { get; init; }
}
