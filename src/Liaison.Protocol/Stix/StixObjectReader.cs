using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// Reads the properties of one STIX object from JSON, turning every violation into a
/// <see cref="StixFormatException"/> that names the object and the property.
/// </summary>
internal sealed class StixObjectReader
{
    private readonly JsonElement _json;
    private readonly string _context;
    private readonly string _prefix;

    private StixObjectReader(JsonElement json, string context, string prefix = "")
    {
        _json = json;
        _context = context;
        _prefix = prefix;
    }

    /// <summary>The object's JSON.</summary>
    public JsonElement Json => _json;

    /// <summary>Reads a nested JSON object (such as an extension) whose properties are named <c>path.name</c> in messages.</summary>
    public StixObjectReader Nested(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw Error(name, "is required.");
        }

        return value.ValueKind == JsonValueKind.Object
            ? new StixObjectReader(value, _context, $"{_prefix}{name}.")
            : throw Error(name, $"must be an object, not {value.ValueKind}.");
    }

    /// <summary>Like <see cref="Nested"/>, but <see langword="null"/> when the property is absent.</summary>
    public StixObjectReader? OptionalNested(string name) => TryGet(name, out _) ? Nested(name) : null;

    /// <summary>Reads a list of objects, each through its own nested reader.</summary>
    public IReadOnlyList<T>? OptionalObjectList<T>(string name, Func<StixObjectReader, T> readItem) =>
        OptionalList(name, (item, path) => item.ValueKind == JsonValueKind.Object
            ? readItem(new StixObjectReader(item, _context, $"{_prefix}{path}."))
            : throw Error(path, $"must be an object, not {item.ValueKind}."));

    /// <summary>Whether the property is present (and not null).</summary>
    public bool Has(string name) => TryGet(name, out _);

    /// <summary>Reads an optional JSON number within a range.</summary>
    public double? OptionalNumber(string name, double minimum, double maximum)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw Error(name, $"must be a number, not {value.GetRawText()}.");
        }

        return number >= minimum && number <= maximum
            ? number
            : throw Error(name, $"must be between {minimum} and {maximum}, not {number}.");
    }

    /// <summary>Reads a required integer within a range.</summary>
    public int RequiredInteger(string name, int minimum, int maximum) =>
        OptionalInteger(name, minimum, maximum) ?? throw Error(name, "is required.");

    /// <summary>Reads an optional string that must be one of <paramref name="allowed"/>, mapped to its value.</summary>
    public T? OptionalChoice<T>(string name, IReadOnlyDictionary<string, T> allowed)
        where T : struct
    {
        var text = OptionalString(name);
        if (text is null)
        {
            return null;
        }

        return allowed.TryGetValue(text, out var value)
            ? value
            : throw Error(name, $"'{text}' is not one of {string.Join(", ", allowed.Keys)}.");
    }

    /// <summary>Reads a required string that must be one of <paramref name="allowed"/>, mapped to its value.</summary>
    public T RequiredChoice<T>(string name, IReadOnlyDictionary<string, T> allowed)
        where T : struct =>
        OptionalChoice(name, allowed) ?? throw Error(name, "is required.");

    /// <summary>
    /// Reads the <c>extensions</c> dictionary (STIX 2.1 §3.2, §7.3): keys are <c>extension-definition--uuid</c>
    /// (whose value needs an <c>extension_type</c>) or predefined <c>…-ext</c> names; values are objects.
    /// </summary>
    /// <param name="name">The property name, <c>extensions</c>.</param>
    /// <param name="skip">A key the caller reads itself, left out of the result.</param>
    public IReadOnlyDictionary<string, JsonObject>? OptionalExtensions(string name, string? skip)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Error(name, $"must be a dictionary, not {value.ValueKind}.");
        }

        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var count = 0;
        foreach (var property in value.EnumerateObject())
        {
            count++;
            var path = $"{name}.{property.Name}";
            var isDefinition = StixId.TryParse(property.Name, out var id) && id.Type == ExtensionDefinition.TypeName;
            if (!isDefinition && !IsPredefinedExtensionName(property.Name))
            {
                throw Error(path, "is not an extension-definition--uuid or a predefined …-ext extension name (STIX 2.1 §7.3).");
            }

            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, $"must be an object, not {property.Value.ValueKind}.");
            }

            if (isDefinition)
            {
                if (!property.Value.TryGetProperty("extension_type", out var type) || type.ValueKind != JsonValueKind.String)
                {
                    throw Error($"{path}.extension_type", "is required and must be a string.");
                }

                if (!ExtensionDefinition.ExtensionTypeNames.Contains(type.GetString()!))
                {
                    throw Error($"{path}.extension_type", $"'{type.GetString()}' is not one of {string.Join(", ", ExtensionDefinition.ExtensionTypeNames)}.");
                }
            }

            if (!string.Equals(property.Name, skip, StringComparison.Ordinal))
            {
                result[property.Name] = JsonObject.Create(property.Value.Clone())!;
            }
        }

        // STIX 2.1 §3.2 and the OASIS core schema: the dictionary has at least one entry.
        if (count == 0)
        {
            throw Error(name, "must not be an empty dictionary; omit the property instead.");
        }

        return result.Count > 0 ? result : null;
    }

    private static bool IsPredefinedExtensionName(string name)
    {
        // The OASIS core schema: ^([a-z][a-z0-9]*)+(-[a-z0-9]+)*-ext$
        if (!name.EndsWith("-ext", StringComparison.Ordinal) || name.Length < 5 || !char.IsAsciiLetterLower(name[0]))
        {
            return false;
        }

        var stem = name[..^4];
        return stem.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
            && !stem.Contains("--", StringComparison.Ordinal) && stem[^1] != '-';
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
        ErrorAt(_prefix + property, message, inner);

    private StixFormatException ErrorAt(string path, string message, Exception? inner = null) =>
        new(path, $"{_context}: {message}", inner);

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
