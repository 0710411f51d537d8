using System.Text.Json;
using System.Text.Json.Serialization;

namespace Liaison.Protocol.Taxii;

/// <summary>
/// The <c>envelope</c> resource (TAXII 2.1 §3.7): the wrapper around STIX objects in Get Objects responses and
/// Add Objects requests.
/// </summary>
/// <remarks>
/// Objects stay raw JSON: read an object's exact text with <see cref="JsonElement.GetRawText"/> to verify or store it,
/// or parse it with <see cref="Stix.StixObject"/>. To answer with stored object text without parsing it, write the
/// envelope with <see cref="TaxiiEnvelopeWriter"/>.
/// </remarks>
public sealed record TaxiiEnvelope
{
    /// <summary>Whether more objects match the request (§3.5); <see langword="false"/> is written as absence.</summary>
    [JsonPropertyName("more")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool More { get; init; }

    /// <summary>The opaque token for the next page, present only with <see cref="More"/> (§3.7); see <see cref="TaxiiPageToken"/>.</summary>
    [JsonPropertyName("next")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Next { get; init; }

    /// <summary>The STIX objects, oldest <c>date_added</c> first (§3.3); with none, the key is omitted and the envelope is <c>{}</c>.</summary>
    [JsonPropertyName("objects")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<JsonElement>? Objects { get; init => field = TaxiiLists.NullIfEmpty(value); }
}
