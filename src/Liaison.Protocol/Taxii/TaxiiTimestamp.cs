using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Taxii;

/// <summary>
/// The TAXII 2.1 <c>timestamp</c> type (§2): RFC 3339 in UTC with a <c>Z</c>, written with microsecond precision
/// (<c>YYYY-MM-DDTHH:MM:SS.ssssssZ</c>).
/// </summary>
public static class TaxiiTimestamp
{
    private const int SecondsLength = 19; // yyyy-MM-ddTHH:mm:ss
    private const int MaxQuotedLength = 64;

    /// <summary>
    /// Formats a time with exactly six fraction digits, so that comparing two formatted values as strings
    /// orders them as times; digits below the microsecond are dropped, not rounded.
    /// </summary>
    /// <remarks>
    /// Store <c>date_added</c> already passed through <see cref="TruncateToMicroseconds"/>: otherwise a client that
    /// sends back the formatted value as <c>added_after</c> would receive the same object again.
    /// </remarks>
    /// <param name="value">Any time; it is converted to UTC.</param>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The same instant in UTC with the digits below the microsecond removed, as <see cref="Format"/> writes it.</summary>
    /// <param name="value">Any time.</param>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }

    /// <summary>Parses a TAXII timestamp with any number of fraction digits; the trailing <c>Z</c> is required.</summary>
    /// <param name="value">The timestamp text.</param>
    /// <returns>The time, with a zero offset.</returns>
    /// <exception cref="FormatException">The text is not a TAXII timestamp; the message says why.</exception>
    public static DateTimeOffset Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var result, out var error) ? result : throw new FormatException(error);
    }

    /// <summary>Parses a TAXII timestamp without throwing.</summary>
    /// <param name="value">The timestamp text.</param>
    /// <param name="result">The time, with a zero offset, when the text is valid.</param>
    /// <returns><see langword="true"/> if the text is a TAXII timestamp.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out DateTimeOffset result) =>
        TryParse(value, out result, out _);

    /// <summary>Parses a TAXII timestamp without throwing, and says what is wrong when it fails.</summary>
    /// <param name="value">The timestamp text.</param>
    /// <param name="result">The time, with a zero offset, when the text is valid.</param>
    /// <param name="error">A sentence naming the problem (quoting the text), when the text is not valid.</param>
    /// <returns><see langword="true"/> if the text is a TAXII timestamp.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out DateTimeOffset result, [NotNullWhen(false)] out string? error)
    {
        // A TAXII timestamp is a STIX timestamp held to microseconds; reading is lenient about the precision.
        if (StixTimestamp.TryParse(value, out result))
        {
            error = null;
            return true;
        }

        error = Diagnose(value);
        return false;
    }

    private static string Diagnose(string? value)
    {
        const string Expected = "YYYY-MM-DDTHH:MM:SS[.ssssss]Z in UTC (TAXII 2.1 §2)";
        if (string.IsNullOrEmpty(value))
        {
            return $"A timestamp is required: {Expected}.";
        }

        var quoted = Quote(value);
        if (value.Length < SecondsLength || !DateTime.TryParseExact(
                value.AsSpan(0, SecondsLength),
                "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out _))
        {
            return $"{quoted} is not a timestamp: expected {Expected}.";
        }

        var zone = value.AsSpan(SecondsLength);
        if (zone.StartsWith("."))
        {
            var digits = 1;
            while (digits < zone.Length && char.IsAsciiDigit(zone[digits]))
            {
                digits++;
            }

            zone = zone[digits..];
        }

        if (zone.IsEmpty)
        {
            return $"{quoted} has no time zone: TAXII timestamps are in UTC and end in 'Z' (TAXII 2.1 §2).";
        }

        // An unescaped '+' in a URL query arrives as a space.
        if (zone[0] is '+' or '-' or ' ')
        {
            var hint = zone[0] == ' ' ? " (a '+' in a URL query must be sent as %2B)" : string.Empty;
            return $"{quoted} has a UTC offset{hint}: TAXII timestamps must be in UTC and end in 'Z', not an offset (TAXII 2.1 §2).";
        }

        return $"{quoted} is not a timestamp: expected {Expected}.";
    }

    // Error text quotes the client's input, but never an unbounded amount of it.
    private static string Quote(string value) =>
        value.Length <= MaxQuotedLength ? $"'{value}'" : $"'{value[..MaxQuotedLength]}…'";
}
