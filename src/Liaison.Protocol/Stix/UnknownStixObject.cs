using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// A STIX object of a type this library does not model (such as <c>indicator</c>, <c>malware</c>,
/// a cyber-observable or a custom type), kept as its raw JSON so it can be stored and forwarded unchanged.
/// </summary>
public sealed class UnknownStixObject : IStixObject
{
    private readonly JsonObject _json;

    private UnknownStixObject(string type, StixId id, JsonObject json)
    {
        Type = type;
        Id = id;
        _json = json;
    }

    /// <inheritdoc/>
    public string Type { get; }

    /// <inheritdoc/>
    public StixId Id { get; }

    /// <summary>A copy of the object's JSON exactly as it was read.</summary>
    public JsonObject Json => (JsonObject)_json.DeepClone();

    /// <summary>Keeps an object of any type; only <c>type</c> and <c>id</c> are checked (every STIX object has them, §3.1, §2.9).</summary>
    /// <param name="json">A JSON object.</param>
    /// <exception cref="StixFormatException"><c>type</c> or <c>id</c> is missing or malformed.</exception>
    public static UnknownStixObject FromJson(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new StixFormatException($"A STIX object must be a JSON object, not {json.ValueKind}.");
        }

        var type = json.TryGetProperty("type", out var typeJson) && typeJson.ValueKind == JsonValueKind.String
            ? typeJson.GetString()!
            : throw new StixFormatException("type", "is required and must be a string.");
        if (!StixId.IsValidType(type))
        {
            throw new StixFormatException("type", $"'{type}' is not a STIX object type name (STIX 2.1 §3.1).");
        }

        var idText = json.TryGetProperty("id", out var idJson) && idJson.ValueKind == JsonValueKind.String
            ? idJson.GetString()!
            : throw new StixFormatException("id", $"a {type} object needs an id (STIX 2.1 §2.9).");
        if (!StixId.TryParse(idText, out var id) || !string.Equals(id.Type, type, StringComparison.Ordinal))
        {
            throw new StixFormatException("id", $"'{idText}' is not an identifier of the form {type}--uuid (STIX 2.1 §2.9).");
        }

        return new UnknownStixObject(type, id, JsonObject.Create(json.Clone())!);
    }

    /// <inheritdoc/>
    public JsonObject ToJson() => Json;
}
