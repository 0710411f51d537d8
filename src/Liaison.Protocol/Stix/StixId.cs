using System.Diagnostics.CodeAnalysis;

namespace Liaison.Protocol.Stix;

/// <summary>
/// A STIX 2.1 identifier (§2.9): the object type, two hyphens, and an RFC 4122 UUID,
/// for example <c>identity--f690c992-8e7d-4b9a-9303-3312616c0220</c>.
/// </summary>
/// <param name="Type">The STIX object type, such as <c>identity</c>.</param>
/// <param name="Value">The UUID part.</param>
public readonly record struct StixId(string Type, Guid Value)
{
    private const string Separator = "--";
    private const int UuidLength = 36;

    /// <summary>The STIX object type, such as <c>identity</c>.</summary>
    /// <exception cref="FormatException">The type does not follow the STIX 2.1 naming rules.</exception>
    public string Type { get; } = IsValidType(Type)
        ? Type
        : throw new FormatException($"'{Type}' is not a STIX object type: 3–250 characters of a–z, 0–9 and single hyphens, starting with a letter.");

    /// <summary>The UUID part.</summary>
    /// <exception cref="FormatException">The UUID is not an RFC 4122 UUID of version 1 to 5.</exception>
    public Guid Value { get; } = IsValidUuid(Value)
        ? Value
        : throw new FormatException($"'{Value}' is not an RFC 4122 UUID (variant 10xx, version 1–5) as STIX 2.1 §2.9 requires.");

    /// <summary>Creates an identifier with a random (version 4) UUID, as STIX 2.1 §2.9 recommends for SDOs and SROs.</summary>
    /// <param name="type">The object type, such as <c>identity</c>.</param>
    public static StixId NewRandom(string type) => new(type, Guid.NewGuid());

    /// <summary>Parses <c>type--uuid</c>.</summary>
    /// <param name="value">The identifier text.</param>
    /// <exception cref="FormatException">The text is not a STIX 2.1 identifier.</exception>
    public static StixId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var id)
            ? id
            : throw new FormatException($"'{value}' is not a STIX identifier (type--uuid, STIX 2.1 §2.9).");
    }

    /// <summary>Parses <c>type--uuid</c> without throwing.</summary>
    /// <param name="value">The identifier text.</param>
    /// <param name="id">The identifier, when the text is valid.</param>
    /// <returns><see langword="true"/> if the text is a STIX 2.1 identifier.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out StixId id)
    {
        id = default;

        // The type may itself contain single hyphens, so the UUID's fixed length locates the separator.
        if (value is null || value.Length < 3 + Separator.Length + UuidLength)
        {
            return false;
        }

        var typePart = value[..^(Separator.Length + UuidLength)];
        var separatorPart = value.AsSpan(value.Length - Separator.Length - UuidLength, Separator.Length);
        var uuidPart = value.AsSpan(value.Length - UuidLength);

        if (!separatorPart.SequenceEqual(Separator) ||
            !IsValidType(typePart) ||
            !Guid.TryParseExact(uuidPart, "D", out var uuid) ||
            !IsValidUuid(uuid))
        {
            return false;
        }

        id = new StixId(typePart, uuid);
        return true;
    }

    /// <summary>
    /// Whether <paramref name="type"/> is a valid STIX object type name.
    /// </summary>
    /// <param name="type">A candidate type name.</param>
    public static bool IsValidType([NotNullWhen(true)] string? type)
    {
        // STIX 2.1 §3.1 (type) and §11.1 (custom object types): 3–250 characters of a–z, 0–9 and
        // hyphen, starting with a letter. The OASIS identifier schema also forbids a trailing
        // hyphen, and a double hyphen would make "type--uuid" ambiguous.
        if (type is null || type.Length is < 3 or > 250 || !char.IsAsciiLetterLower(type[0]) || type[^1] == '-')
        {
            return false;
        }

        for (var i = 1; i < type.Length; i++)
        {
            var c = type[i];
            var allowed = char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || (c == '-' && type[i - 1] != '-');
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns <c>type--uuid</c> with the UUID in lowercase.</summary>
    public override string ToString() => $"{Type}{Separator}{Value:D}";

    // STIX 2.1 §2.9: UUIDs MUST be RFC 4122 UUIDs; that RFC defines variant 10xx and versions 1–5.
    private static bool IsValidUuid(Guid uuid) => uuid.Variant is >= 8 and <= 11 && uuid.Version is >= 1 and <= 5;
}
