using System.Text.Json;
using System.Text.Json.Serialization;

namespace Liaison.Protocol.Taxii;

/// <summary>The <c>error</c> message (TAXII 2.1 §3.6.1), sent with a 4xx or 5xx status.</summary>
public sealed record TaxiiError
{
    /// <summary>A human-readable plain-text title.</summary>
    [JsonPropertyName("title")]
    public required string Title { get; init; }

    /// <summary>A human-readable plain-text account of the problem.</summary>
    [JsonPropertyName("description")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    /// <summary>An identifier for this occurrence, to find it in logs.</summary>
    [JsonPropertyName("error_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ErrorId { get; init; }

    /// <summary>An application-specific code for this kind of error.</summary>
    [JsonPropertyName("error_code")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ErrorCode { get; init; }

    /// <summary>The HTTP status of the response; TAXII writes it as a string, such as <c>"400"</c>.</summary>
    [JsonPropertyName("http_status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [JsonNumberHandling(JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString)]
    public int? HttpStatus { get; init; }

    /// <summary>A URL with more about the error.</summary>
    [JsonPropertyName("external_details")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ExternalDetails { get; init; }

    /// <summary>Server-specific structured details; an empty dictionary is held as <see langword="null"/> and omitted.</summary>
    [JsonPropertyName("details")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JsonElement>? Details
    {
        get;
        init => field = value is { Count: > 0 } ? new Dictionary<string, JsonElement>(value) : null;
    }

    /// <summary>
    /// The 400 answer to malformed query parameters (TAXII 2.1 §3.4): the description lists every problem and
    /// <c>details</c> maps each parameter, such as <c>match[version]</c>, to what is wrong with it.
    /// </summary>
    /// <param name="errors">The problems, as <see cref="TaxiiFilters.TryParse(IEnumerable{KeyValuePair{string, string}}, TaxiiQueryParameters, int, out TaxiiFilters, out IReadOnlyList{TaxiiQueryError})"/> reports them.</param>
    public static TaxiiError ForQueryErrors(IReadOnlyCollection<TaxiiQueryError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var details = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var group in errors.GroupBy(e => e.Parameter, StringComparer.Ordinal))
        {
            details[group.Key] = JsonSerializer.SerializeToElement(string.Join(" ", group.Select(e => e.Message)), TaxiiJson.SerializerOptions);
        }

        return new TaxiiError
        {
            Title = "Invalid query parameters",
            Description = string.Join(" ", errors.Select(e => $"{e.Parameter}: {e.Message}")),
            HttpStatus = 400,
            Details = details,
        };
    }
}
