using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>Settings and helpers shared by every STIX object's JSON form.</summary>
public static class StixJson
{
    /// <summary>The value of <c>spec_version</c> for objects this library writes (STIX 2.1 §3.1).</summary>
    public const string SpecVersion = "2.1";

    /// <summary>
    /// Options for writing STIX JSON as text: compact, and without escaping non-ASCII or HTML-sensitive
    /// characters that JSON does not require escaping, so names in any script stay readable.
    /// </summary>
    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.General)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    /// <summary>Writes a STIX JSON node as text with <see cref="SerializerOptions"/>.</summary>
    /// <param name="node">A STIX object or bundle, as its <c>ToJson()</c> returns it.</param>
    public static string ToJsonString(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString(SerializerOptions);
    }

    // STIX 2.1 §3.1 and the OASIS schemas: optional properties are omitted rather than null, and
    // lists, when present, are never empty; so "nothing" is always written as absence.
    internal static void SetOptional(this JsonObject json, string name, string? value)
    {
        if (value is not null)
        {
            json[name] = value;
        }
    }

    internal static void SetOptional(this JsonObject json, string name, StixId? value)
    {
        if (value is { } id)
        {
            json[name] = id.ToString();
        }
    }

    internal static void SetOptional<T>(this JsonObject json, string name, IReadOnlyCollection<T>? values, Func<T, JsonNode?> toNode)
    {
        if (values is { Count: > 0 })
        {
            json[name] = new JsonArray([.. values.Select(toNode)]);
        }
    }

    internal static void SetOptional(this JsonObject json, string name, IReadOnlyCollection<string>? values) =>
        json.SetOptional(name, values, v => JsonValue.Create(v));

    internal static void SetOptional(this JsonObject json, string name, IReadOnlyCollection<StixId>? values) =>
        json.SetOptional(name, values, v => JsonValue.Create(v.ToString()));
}
