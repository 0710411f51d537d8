using System.Globalization;
using System.Text;

namespace Liaison.Protocol.Http;

/// <summary>
/// The part of RFC 8941 (Structured Field Values for HTTP) that message signatures need:
/// dictionaries whose members are items or inner lists, with parameters. Parsing is strict:
/// anything the RFC's parsing algorithms (§4.2) reject raises a <see cref="FormatException"/>
/// naming what is wrong, because these fields arrive from the network.
/// </summary>
public static class StructuredFields
{
    private const long MaxInteger = 999_999_999_999_999; // RFC 8941 §3.3.1: at most 15 digits.

    /// <summary>Parses a dictionary field value (RFC 8941 §4.2.2).</summary>
    /// <param name="value">The field value; several field lines must already be joined with <c>", "</c> (RFC 8941 §4.2).</param>
    /// <returns>The members in order; a repeated key keeps its first position and its last value (RFC 8941 §4.2.2).</returns>
    /// <exception cref="FormatException">The value is not a valid structured dictionary.</exception>
    public static IReadOnlyList<KeyValuePair<string, SfMember>> ParseDictionary(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var reader = new Reader(value);
        reader.SkipSpaces();
        var members = new List<KeyValuePair<string, SfMember>>();
        while (!reader.AtEnd)
        {
            var key = reader.ParseKey();
            SfMember member;
            if (reader.TryConsume('='))
            {
                member = reader.ParseItemOrInnerList();
            }
            else
            {
                member = new SfItem(true, reader.ParseParameters());
            }

            SetOrAdd(members, key, member);
            reader.SkipOptionalWhitespace();
            if (reader.AtEnd)
            {
                break;
            }

            reader.Expect(',', "a comma between dictionary members");
            reader.SkipOptionalWhitespace();
            if (reader.AtEnd)
            {
                throw new FormatException("A structured dictionary must not end with a comma (RFC 8941 §4.2.2).");
            }
        }

        reader.SkipSpaces();
        return members;
    }

    /// <summary>Serialises a dictionary (RFC 8941 §4.1.2).</summary>
    /// <param name="members">The members in order.</param>
    /// <exception cref="ArgumentException">A key or value cannot be serialised.</exception>
    public static string SerializeDictionary(IEnumerable<KeyValuePair<string, SfMember>> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var builder = new StringBuilder();
        foreach (var (key, member) in members)
        {
            if (builder.Length > 0)
            {
                builder.Append(", ");
            }

            AppendKey(builder, key);
            if (member is SfItem { Value: true } flag)
            {
                AppendParameters(builder, flag.Parameters);
                continue;
            }

            builder.Append('=');
            AppendMember(builder, member);
        }

        return builder.ToString();
    }

    /// <summary>Serialises an inner list with its parameters (RFC 8941 §4.1.1.1).</summary>
    /// <param name="list">The inner list.</param>
    /// <exception cref="ArgumentException">A key or value cannot be serialised.</exception>
    public static string SerializeInnerList(SfInnerList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var builder = new StringBuilder();
        AppendMember(builder, list);
        return builder.ToString();
    }

    /// <summary>Serialises an item with its parameters (RFC 8941 §4.1.3).</summary>
    /// <param name="item">The item.</param>
    /// <exception cref="ArgumentException">A key or value cannot be serialised.</exception>
    public static string SerializeItem(SfItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var builder = new StringBuilder();
        AppendMember(builder, item);
        return builder.ToString();
    }

    private static void SetOrAdd<T>(List<KeyValuePair<string, T>> entries, string key, T value)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
            {
                entries[i] = new(key, value);
                return;
            }
        }

        entries.Add(new(key, value));
    }

    private static void AppendMember(StringBuilder builder, SfMember member)
    {
        switch (member)
        {
            case SfItem item:
                AppendBareItem(builder, item.Value);
                break;
            case SfInnerList list:
                builder.Append('(');
                for (var i = 0; i < list.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(' ');
                    }

                    AppendBareItem(builder, list.Items[i].Value);
                    AppendParameters(builder, list.Items[i].Parameters);
                }

                builder.Append(')');
                break;
            default:
                throw new ArgumentException($"Unknown structured member type {member.GetType().Name}.", nameof(member));
        }

        AppendParameters(builder, member.Parameters);
    }

    private static void AppendParameters(StringBuilder builder, IReadOnlyList<KeyValuePair<string, object>> parameters)
    {
        foreach (var (key, value) in parameters)
        {
            builder.Append(';');
            AppendKey(builder, key);
            if (value is not true)
            {
                builder.Append('=');
                AppendBareItem(builder, value);
            }
        }
    }

    private static void AppendKey(StringBuilder builder, string key)
    {
        if (!IsKey(key))
        {
            throw new ArgumentException($"'{key}' is not a structured field key: lowercase letters, digits, '_', '-', '.', '*', starting with a letter or '*' (RFC 8941 §3.1.2).", nameof(key));
        }

        builder.Append(key);
    }

    private static void AppendBareItem(StringBuilder builder, object value)
    {
        switch (value)
        {
            case long integer:
                if (integer is > MaxInteger or < -MaxInteger)
                {
                    throw new ArgumentException($"{integer} is outside the structured integer range (RFC 8941 §3.3.1).", nameof(value));
                }

                builder.Append(integer.ToString(CultureInfo.InvariantCulture));
                break;
            case int small:
                builder.Append(small.ToString(CultureInfo.InvariantCulture));
                break;
            case decimal number:
                var rounded = decimal.Round(number, 3, MidpointRounding.ToEven);
                if (decimal.Truncate(decimal.Abs(rounded)) > 999_999_999_999m)
                {
                    throw new ArgumentException($"{number} has more than 12 integer digits (RFC 8941 §4.1.5).", nameof(value));
                }

                builder.Append(rounded.ToString("0.0##", CultureInfo.InvariantCulture));
                break;
            case string text:
                builder.Append('"');
                foreach (var c in text)
                {
                    if (c is < ' ' or > '~')
                    {
                        throw new ArgumentException("A structured string holds only printable ASCII (RFC 8941 §3.3.3).", nameof(value));
                    }

                    if (c is '"' or '\\')
                    {
                        builder.Append('\\');
                    }

                    builder.Append(c);
                }

                builder.Append('"');
                break;
            case SfToken token:
                if (!IsToken(token.Value))
                {
                    throw new ArgumentException($"'{token.Value}' is not a structured token (RFC 8941 §3.3.4).", nameof(value));
                }

                builder.Append(token.Value);
                break;
            case byte[] bytes:
                builder.Append(':').Append(Convert.ToBase64String(bytes)).Append(':');
                break;
            case bool flag:
                builder.Append(flag ? "?1" : "?0");
                break;
            default:
                throw new ArgumentException($"A {value.GetType().Name} is not a structured field bare item (RFC 8941 §3.3).", nameof(value));
        }
    }

    private static bool IsKey(string key) =>
        key.Length > 0
        && (char.IsAsciiLetterLower(key[0]) || key[0] == '*')
        && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-' or '.' or '*');

    private static bool IsToken(string token) =>
        token.Length > 0
        && (char.IsAsciiLetter(token[0]) || token[0] == '*')
        && token.All(c => IsTchar(c) || c is ':' or '/');

    // RFC 9110 §5.6.2 tchar.
    private static bool IsTchar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private sealed class Reader(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        private char Current => text[_position];

        public void SkipSpaces()
        {
            while (!AtEnd && Current == ' ')
            {
                _position++;
            }
        }

        public void SkipOptionalWhitespace()
        {
            while (!AtEnd && Current is ' ' or '\t')
            {
                _position++;
            }
        }

        public bool TryConsume(char c)
        {
            if (!AtEnd && Current == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        public void Expect(char c, string what)
        {
            if (!TryConsume(c))
            {
                throw Error($"expected {what}");
            }
        }

        // RFC 8941 §4.2.3.3
        public string ParseKey()
        {
            if (AtEnd || !(char.IsAsciiLetterLower(Current) || Current == '*'))
            {
                throw Error("expected a key starting with a lowercase letter or '*'");
            }

            var start = _position;
            while (!AtEnd && (char.IsAsciiLetterLower(Current) || char.IsAsciiDigit(Current) || Current is '_' or '-' or '.' or '*'))
            {
                _position++;
            }

            return text[start.._position];
        }

        // RFC 8941 §4.2.1.1
        public SfMember ParseItemOrInnerList() => !AtEnd && Current == '(' ? ParseInnerList() : ParseItem();

        // RFC 8941 §4.2.1.2
        private SfInnerList ParseInnerList()
        {
            Expect('(', "'('");
            var items = new List<SfItem>();
            while (!AtEnd)
            {
                SkipSpaces();
                if (TryConsume(')'))
                {
                    return new SfInnerList(items, ParseParameters());
                }

                items.Add(ParseItem());
                if (AtEnd)
                {
                    break;
                }

                if (Current is not (' ' or ')'))
                {
                    throw Error("expected a space or ')' after an inner list item");
                }
            }

            throw Error("the inner list is not closed with ')'");
        }

        private SfItem ParseItem()
        {
            var value = ParseBareItem();
            return new SfItem(value, ParseParameters());
        }

        // RFC 8941 §4.2.3.2
        public List<KeyValuePair<string, object>> ParseParameters()
        {
            var parameters = new List<KeyValuePair<string, object>>();
            while (TryConsume(';'))
            {
                SkipSpaces();
                var key = ParseKey();
                object value = TryConsume('=') ? ParseBareItem() : true;
                SetOrAdd(parameters, key, value);
            }

            return parameters;
        }

        // RFC 8941 §4.2.3.1
        private object ParseBareItem()
        {
            if (AtEnd)
            {
                throw Error("expected a value");
            }

            return Current switch
            {
                '-' or (>= '0' and <= '9') => ParseNumber(),
                '"' => ParseString(),
                ':' => ParseByteSequence(),
                '?' => ParseBoolean(),
                _ when char.IsAsciiLetter(Current) || Current == '*' => ParseToken(),
                _ => throw Error($"'{Current}' cannot start a value"),
            };
        }

        // RFC 8941 §4.2.4
        private object ParseNumber()
        {
            var start = _position;
            var negative = TryConsume('-');
            var digitsStart = _position;
            var dot = -1;
            while (!AtEnd)
            {
                if (char.IsAsciiDigit(Current))
                {
                    _position++;
                }
                else if (Current == '.' && dot < 0)
                {
                    if (_position - digitsStart > 12)
                    {
                        throw Error("a decimal has at most 12 integer digits");
                    }

                    dot = _position++;
                }
                else
                {
                    break;
                }

                var length = _position - digitsStart;
                if ((dot < 0 && length > 15) || (dot >= 0 && length > 16))
                {
                    throw Error("the number has too many digits");
                }
            }

            var digits = text[digitsStart.._position];
            if (digits.Length == 0 || !char.IsAsciiDigit(digits[0]))
            {
                throw Error("expected a digit");
            }

            if (dot < 0)
            {
                var integer = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
                return negative ? -integer : integer;
            }

            var fraction = _position - dot - 1;
            if (fraction is 0 or > 3)
            {
                throw Error("a decimal has one to three fractional digits");
            }

            var number = decimal.Parse(text[start.._position], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            return number;
        }

        // RFC 8941 §4.2.5
        private string ParseString()
        {
            Expect('"', "'\"'");
            var builder = new StringBuilder();
            while (!AtEnd)
            {
                var c = text[_position++];
                if (c == '\\')
                {
                    if (AtEnd || Current is not ('"' or '\\'))
                    {
                        throw Error("a string may escape only '\"' and '\\'");
                    }

                    builder.Append(text[_position++]);
                }
                else if (c == '"')
                {
                    return builder.ToString();
                }
                else if (c is < ' ' or > '~')
                {
                    throw Error("a string holds only printable ASCII");
                }
                else
                {
                    builder.Append(c);
                }
            }

            throw Error("the string is not closed with '\"'");
        }

        // RFC 8941 §4.2.6
        private SfToken ParseToken()
        {
            var start = _position++;
            while (!AtEnd && (IsTchar(Current) || Current is ':' or '/'))
            {
                _position++;
            }

            return new SfToken(text[start.._position]);
        }

        // RFC 8941 §4.2.7
        private byte[] ParseByteSequence()
        {
            Expect(':', "':'");
            var end = text.IndexOf(':', _position);
            if (end < 0)
            {
                throw Error("the byte sequence is not closed with ':'");
            }

            var encoded = text[_position..end];
            if (!encoded.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                throw Error("a byte sequence holds only base64 characters");
            }

            var buffer = new byte[encoded.Length * 3 / 4 + 3];
            if (!Convert.TryFromBase64String(encoded, buffer, out var written))
            {
                throw Error("the byte sequence is not valid padded base64");
            }

            _position = end + 1;
            return buffer[..written];
        }

        // RFC 8941 §4.2.8
        private bool ParseBoolean()
        {
            Expect('?', "'?'");
            if (TryConsume('1'))
            {
                return true;
            }

            if (TryConsume('0'))
            {
                return false;
            }

            throw Error("a boolean is ?0 or ?1");
        }

        private FormatException Error(string what) =>
            new($"Malformed structured field at character {_position}: {what} (RFC 8941 §4.2).");
    }
}
