using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Json;

/// <summary>
/// The JSON Canonicalization Scheme (JCS, RFC 8785): one byte sequence for every JSON value,
/// so that a signature or a hash over a STIX object does not depend on who serialized it.
/// </summary>
/// <remarks>
/// Input must be I-JSON (RFC 7493): no duplicate property names, numbers that fit an IEEE 754
/// double, strings of valid Unicode. Anything else is rejected with a <see cref="FormatException"/>
/// rather than canonicalized into something a peer would compute differently.
/// </remarks>
public static class CanonicalJson
{
    // RFC 8785 §3.2.4: the output is UTF-8 without a byte order mark.
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Canonicalizes a JSON node (<see langword="null"/> is the JSON literal <c>null</c>).</summary>
    /// <returns>The canonical form as UTF-8 bytes.</returns>
    /// <exception cref="FormatException">The value is not I-JSON (duplicate names, NaN or infinite numbers, invalid Unicode).</exception>
    public static byte[] Canonicalize(JsonNode? node) => Encode(CanonicalizeToString(node));

    /// <summary>Canonicalizes a parsed JSON value.</summary>
    /// <returns>The canonical form as UTF-8 bytes.</returns>
    /// <exception cref="FormatException">The value is not I-JSON (duplicate names, numbers out of double range, invalid Unicode).</exception>
    public static byte[] Canonicalize(JsonElement element) => Encode(CanonicalizeToString(element));

    /// <summary>Canonicalizes a JSON node and returns the canonical text.</summary>
    /// <exception cref="FormatException">The value is not I-JSON.</exception>
    public static string CanonicalizeToString(JsonNode? node)
    {
        var builder = new StringBuilder();
        WriteNode(node, builder);
        return builder.ToString();
    }

    /// <summary>Canonicalizes a parsed JSON value and returns the canonical text.</summary>
    /// <exception cref="FormatException">The value is not I-JSON.</exception>
    public static string CanonicalizeToString(JsonElement element)
    {
        var builder = new StringBuilder();
        WriteElement(element, builder);
        return builder.ToString();
    }

    // WriteString has already refused lone surrogates, so encoding cannot fail.
    private static byte[] Encode(string canonical) => Utf8.GetBytes(canonical);

    private static void WriteNode(JsonNode? node, StringBuilder output)
    {
        switch (node)
        {
            case null:
                output.Append("null");
                break;
            case JsonObject obj:
                WriteProperties(obj.Select(p => (p.Key, p.Value)), output, (value, sb) => WriteNode(value, sb));
                break;
            case JsonArray array:
                output.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        output.Append(',');
                    }

                    WriteNode(array[i], output);
                }

                output.Append(']');
                break;
            case JsonValue value:
                WriteValue(value, output);
                break;
            default:
                throw new FormatException($"Unsupported JSON node type {node.GetType().Name}.");
        }
    }

    private static void WriteValue(JsonValue value, StringBuilder output)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            WriteElement(element, output);
            return;
        }

        // Strings are taken as they are: a round trip through Utf8JsonWriter would silently
        // replace a lone surrogate instead of rejecting it.
        if (value.TryGetValue<string>(out var text))
        {
            WriteString(text, output);
            return;
        }

        // Any other JsonValue built from a CLR value (JsonValue.Create(1.5m), an int, a bool…) is
        // written the way System.Text.Json would write it and then read back, so that a node and
        // the same JSON parsed from text canonicalize identically.
        if ((value.TryGetValue<double>(out var d) && !double.IsFinite(d)) ||
            (value.TryGetValue<float>(out var f) && !float.IsFinite(f)))
        {
            throw new FormatException("NaN and Infinity are not JSON numbers (RFC 8785 §3.2.2.3).");
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            value.WriteTo(writer);
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        WriteElement(document.RootElement, output);
    }

    private static void WriteElement(JsonElement element, StringBuilder output)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteProperties(element.EnumerateObject().Select(p => (Unescape(() => p.Name), p.Value)), output, WriteElement);
                break;
            case JsonValueKind.Array:
                output.Append('[');
                var first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first)
                    {
                        output.Append(',');
                    }

                    first = false;
                    WriteElement(item, output);
                }

                output.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(Unescape(() => element.GetString()!), output);
                break;
            case JsonValueKind.Number:
                // RFC 8785 §3.2.2.3: numbers are IEEE 754 doubles; a literal like 1e400 has no such value.
                if (!element.TryGetDouble(out var number) || !double.IsFinite(number))
                {
                    throw new FormatException($"JSON number {element.GetRawText()} is outside the IEEE 754 double range (RFC 8785 §3.2.2.3).");
                }

                output.Append(FormatNumber(number));
                break;
            case JsonValueKind.True:
                output.Append("true");
                break;
            case JsonValueKind.False:
                output.Append("false");
                break;
            case JsonValueKind.Null:
                output.Append("null");
                break;
            default:
                throw new FormatException($"Cannot canonicalize a JSON value of kind {element.ValueKind}.");
        }
    }

    private static string Unescape(Func<string> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException ex) when (ex is not ObjectDisposedException)
        {
            // System.Text.Json refuses to decode an escaped lone surrogate such as "\udc00".
            throw new FormatException("JSON string is not valid Unicode, so it has no UTF-8 form (RFC 8785 §3.2.4).", ex);
        }
    }

    private static void WriteProperties<TValue>(
        IEnumerable<(string Name, TValue Value)> properties,
        StringBuilder output,
        Action<TValue, StringBuilder> writeValue)
    {
        // RFC 8785 §3.2.3: sort by the UTF-16 code units of the raw (unescaped) names, which is
        // exactly what ordinal string comparison does in .NET.
        var sorted = properties.ToList();
        sorted.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        output.Append('{');
        for (var i = 0; i < sorted.Count; i++)
        {
            if (i > 0)
            {
                // RFC 8785 §3.1 relies on I-JSON (RFC 7493 §2.3): duplicate names have no canonical form.
                if (string.Equals(sorted[i - 1].Name, sorted[i].Name, StringComparison.Ordinal))
                {
                    throw new FormatException($"Duplicate JSON property name \"{sorted[i].Name}\" (RFC 7493 §2.3).");
                }

                output.Append(',');
            }

            WriteString(sorted[i].Name, output);
            output.Append(':');
            writeValue(sorted[i].Value, output);
        }

        output.Append('}');
    }

    private static void WriteString(string value, StringBuilder output)
    {
        // RFC 8785 §3.2.2.2: escape only '"', '\' and control characters; the five with short
        // forms use them, the rest use \u00xx with lowercase hex. Everything else is literal.
        output.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    output.Append("\\\"");
                    break;
                case '\\':
                    output.Append("\\\\");
                    break;
                case '\b':
                    output.Append("\\b");
                    break;
                case '\t':
                    output.Append("\\t");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '\f':
                    output.Append("\\f");
                    break;
                case '\r':
                    output.Append("\\r");
                    break;
                case < ' ':
                    output.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    break;
                case >= '\ud800' and <= '\udbff' when i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]):
                    output.Append(c).Append(value[++i]);
                    break;
                case >= '\ud800' and <= '\udfff':
                    // RFC 8785 §3.2.2.2 and RFC 7493 §2.1: strings must be valid Unicode to have a UTF-8 form.
                    throw new FormatException($"JSON string contains a lone surrogate U+{(int)c:X4} at index {i}; it has no UTF-8 form (RFC 8785 §3.2.4).");
                default:
                    output.Append(c);
                    break;
            }
        }

        output.Append('"');
    }

    /// <summary>ECMAScript <c>Number.prototype.toString</c> for a finite double (ECMA-262 Number::toString, RFC 8785 §3.2.2.3).</summary>
    internal static string FormatNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new FormatException("NaN and Infinity are not JSON numbers (RFC 8785 §3.2.2.3).");
        }

        // Covers -0 too: ECMAScript prints it as "0".
        if (value == 0)
        {
            return "0";
        }

        // .NET's "R" gives the shortest digit string that round-trips, which is the digit
        // string s (length k) that ECMA-262 asks for; only the layout differs.
        var roundTrip = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = roundTrip[0] == '-';
        var body = negative ? roundTrip[1..] : roundTrip;

        var exponentAt = body.IndexOf('E', StringComparison.Ordinal);
        var exponent = exponentAt < 0 ? 0 : int.Parse(body.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? body : body[..exponentAt];

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var integerPart = dot < 0 ? mantissa : mantissa[..dot];
        var fractionPart = dot < 0 ? string.Empty : mantissa[(dot + 1)..];

        // value = 0.digits × 10^n in ECMA-262 terms.
        var digits = integerPart + fractionPart;
        var n = integerPart.Length + exponent;
        var leadingZeros = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        n -= leadingZeros;
        var k = digits.Length;

        var result = new StringBuilder(32);
        if (negative)
        {
            result.Append('-');
        }

        if (k <= n && n <= 21)
        {
            result.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            result.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            result.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var e = n - 1;
            result.Append(digits[0]);
            if (k > 1)
            {
                result.Append('.').Append(digits, 1, k - 1);
            }

            result.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }

        return result.ToString();
    }
}
