using System.Text.Json;

namespace Liaison.Protocol.Stix;

/// <summary>
/// Reads the properties of one STIX object from JSON, turning every violation into a
/// <see cref="StixFormatException"/> that names the object and the property.
/// </summary>
internal sealed class StixObjectReader
{
    private readonly JsonElement _json;
    private readonly string _context;

    private StixObjectReader(JsonElement json, string context)
    {
        _json = json;
        _context = context;
    }

    /// <summary>Checks <c>type</c> (and <c>spec_version</c> when required) before anything else is read.</summary>
    public static StixObjectReader Open(JsonElement json, string expectedType, bool requireSpecVersion = true)
    {
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw new StixFormatException($"A STIX {expectedType} object must be a JSON object, not {json.ValueKind}.");
        }

        // Name the object in every later message, so one bad object in a large bundle is easy to find.
        var id = json.TryGetProperty("id", out var idProperty) && idProperty.ValueKind == JsonValueKind.String
            ? idProperty.GetString()
            : null;
        var reader = new StixObjectReader(json, id ?? $"(a {expectedType} without id)");

        var type = reader.RequiredString("type");
        if (!string.Equals(type, expectedType, StringComparison.Ordinal))
        {
            throw reader.Error("type", $"expected '{expectedType}' but found '{type}'.");
        }

        if (requireSpecVersion)
        {
            // STIX 2.1 §3.1: spec_version is required on SDOs and SROs; its absence means STIX 2.0.
            var version = reader.OptionalString("spec_version")
                ?? throw reader.Error("spec_version", "is required; an object without it is STIX 2.0, which is not supported.");
            if (!string.Equals(version, StixJson.SpecVersion, StringComparison.Ordinal))
            {
                throw reader.Error("spec_version", $"expected '{StixJson.SpecVersion}' but found '{version}'.");
            }
        }

        return reader;
    }

    public StixFormatException Error(string property, string message, Exception? inner = null) =>
        new(property, $"{_context}: {message}", inner);

    public string RequiredString(string name) =>
        OptionalString(name) ?? throw Error(name, "is required.");

    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Error(name, $"must be a string, not {value.ValueKind}.");
    }

    public DateTimeOffset RequiredTimestamp(string name) =>
        OptionalTimestamp(name) ?? throw Error(name, "is required.");

    public DateTimeOffset? OptionalTimestamp(string name)
    {
        var text = OptionalString(name);
        if (text is null)
        {
            return null;
        }

        return StixTimestamp.TryParse(text, out var value)
            ? value
            : throw Error(name, $"'{text}' is not a STIX timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z, STIX 2.1 §3.2).");
    }

    public StixId RequiredId(string name, string? expectedType = null) =>
        OptionalId(name, expectedType) ?? throw Error(name, "is required.");

    public StixId? OptionalId(string name, string? expectedType = null)
    {
        var text = OptionalString(name);
        return text is null ? null : ParseId(name, text, expectedType);
    }

    public bool? OptionalBoolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(name, $"must be true or false, not {value.ValueKind}."),
        };
    }

    public int? OptionalInteger(string name, int minimum, int maximum)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw Error(name, $"must be an integer, not {value.GetRawText()}.");
        }

        return number >= minimum && number <= maximum
            ? number
            : throw Error(name, $"must be between {minimum} and {maximum}, not {number}.");
    }

    public IReadOnlyList<string>? OptionalStringList(string name) =>
        OptionalList(name, (item, path) => item.ValueKind == JsonValueKind.String
            ? item.GetString()!
            : throw Error(path, $"must be a string, not {item.ValueKind}."));

    public IReadOnlyList<StixId>? OptionalIdList(string name, string? expectedType = null) =>
        OptionalList(name, (item, path) => item.ValueKind == JsonValueKind.String
            ? ParseId(path, item.GetString()!, expectedType)
            : throw Error(path, $"must be a string, not {item.ValueKind}."));

    /// <summary>Reads a list; <paramref name="readItem"/> gets each item and its path (<c>name[i]</c>) for messages.</summary>
    public IReadOnlyList<T>? OptionalList<T>(string name, Func<JsonElement, string, T> readItem)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(name, $"must be a list, not {value.ValueKind}.");
        }

        // STIX 2.1 §3.1 (and every OASIS schema's minItems): a list property is never empty.
        if (value.GetArrayLength() == 0)
        {
            throw Error(name, "must not be an empty list; omit the property instead.");
        }

        return [.. value.EnumerateArray().Select((item, i) => readItem(item, $"{name}[{i}]"))];
    }

    private bool TryGet(string name, out JsonElement value)
    {
        // A JSON null is treated as absent: STIX forbids null values, but rejecting them helps no one.
        if (_json.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    private StixId ParseId(string name, string text, string? expectedType)
    {
        if (!StixId.TryParse(text, out var id))
        {
            throw Error(name, $"'{text}' is not a STIX identifier (type--uuid, STIX 2.1 §2.9).");
        }

        if (expectedType is not null && !string.Equals(id.Type, expectedType, StringComparison.Ordinal))
        {
            throw Error(name, $"must refer to a {expectedType}, not '{text}'.");
        }

        return id;
    }
}
