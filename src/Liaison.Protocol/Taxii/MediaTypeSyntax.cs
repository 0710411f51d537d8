namespace Liaison.Protocol.Taxii;

// Just enough of RFC 9110 §5.6 and §8.3.1 to read Accept and Content-Type values.
internal static class MediaTypeSyntax
{
    internal static IEnumerable<string> SplitOutsideQuotes(string value, char separator)
    {
        var start = 0;
        var inQuotes = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
            }
            else if (c == '"')
            {
                inQuotes = true;
            }
            else if (c == separator)
            {
                yield return value[start..i];
                start = i + 1;
            }
        }

        yield return value[start..];
    }

    /// <summary>Parses <c>type/subtype *(OWS ";" OWS name=value)</c>; with <paramref name="allowWeight"/>, a <c>q</c> parameter ends the media type parameters (RFC 9110 §12.5.1).</summary>
    internal static bool TryParse(string text, bool allowWeight, out MediaType mediaType)
    {
        mediaType = default;
        var parts = SplitOutsideQuotes(text, ';').ToList();
        var typeAndSubtype = TrimOws(parts[0]);
        var slash = typeAndSubtype.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return false;
        }

        var type = typeAndSubtype[..slash];
        var subtype = typeAndSubtype[(slash + 1)..];
        if (!IsToken(type) || !IsToken(subtype))
        {
            return false;
        }

        var parameters = new List<KeyValuePair<string, string>>();
        var weight = 1000;
        foreach (var part in parts.Skip(1))
        {
            var parameter = TrimOws(part);
            if (parameter.Length == 0)
            {
                continue;
            }

            // RFC 9110 forbids whitespace around "=", but it costs nothing to forgive it.
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return false;
            }

            var name = TrimOws(parameter[..equals]);
            if (!IsToken(name) || !TryReadValue(TrimOws(parameter[(equals + 1)..]), out var value))
            {
                return false;
            }

            if (allowWeight && string.Equals(name, "q", StringComparison.OrdinalIgnoreCase))
            {
                if (!TryParseWeight(value, out weight))
                {
                    return false;
                }

                // What follows the weight are accept-ext parameters, not media type parameters.
                break;
            }

            if (parameters.Exists(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            parameters.Add(new(name, value));
        }

        mediaType = new MediaType(type, subtype, parameters, weight);
        return true;
    }

    private static string TrimOws(string value) => value.Trim(' ', '\t');

    private static bool TryReadValue(string raw, out string value)
    {
        value = raw;
        if (raw.Length == 0 || raw[0] != '"')
        {
            return IsToken(raw);
        }

        // quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE, and nothing may follow it.
        var builder = new System.Text.StringBuilder(raw.Length);
        for (var i = 1; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '\\' && i + 1 < raw.Length)
            {
                builder.Append(raw[++i]);
            }
            else if (c == '"')
            {
                value = builder.ToString();
                return i == raw.Length - 1;
            }
            else
            {
                builder.Append(c);
            }
        }

        return false;
    }

    // RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), kept in thousandths.
    private static bool TryParseWeight(string text, out int thousandths)
    {
        thousandths = 0;
        if (text.Length is 0 or > 5 || (text[0] != '0' && text[0] != '1') || (text.Length > 1 && text[1] != '.'))
        {
            return false;
        }

        var fraction = text.Length > 2 ? text[2..] : string.Empty;
        if (!fraction.All(char.IsAsciiDigit) || (text[0] == '1' && fraction.Any(c => c != '0')))
        {
            return false;
        }

        thousandths = text[0] == '1' ? 1000 : int.Parse(fraction.PadRight(3, '0'), System.Globalization.CultureInfo.InvariantCulture);
        return true;
    }

    // RFC 9110 §5.6.2: token = 1*tchar.
    private static bool IsToken(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));

    internal readonly record struct MediaType(string Type, string Subtype, IReadOnlyList<KeyValuePair<string, string>> Parameters, int Weight)
    {
        public string? GetParameter(string name)
        {
            foreach (var parameter in Parameters)
            {
                if (string.Equals(parameter.Key, name, StringComparison.OrdinalIgnoreCase))
                {
                    return parameter.Value;
                }
            }

            return null;
        }
    }
}
