using System.Globalization;

namespace Liaison.Protocol.Stix;

/// <summary>
/// The STIX 2.1 <c>timestamp</c> type (§3.2): an RFC 3339 date-time in UTC, always ending in <c>Z</c>.
/// </summary>
public static class StixTimestamp
{
    private const int MaxFractionDigits = 7;

    /// <summary>
    /// Formats a time for a STIX property, with at least millisecond precision
    /// (for example <c>2016-05-12T08:17:27.000Z</c>).
    /// </summary>
    /// <remarks>
    /// STIX 2.1 §3.2 requires <c>created</c> and <c>modified</c> to be precise to at least the
    /// millisecond. Digits below the millisecond are kept when present, because
    /// <c>(id, modified)</c> names an object version and must survive a round trip unchanged.
    /// </remarks>
    /// <param name="value">Any time; it is converted to UTC.</param>
    public static string Format(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var text = utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff", CultureInfo.InvariantCulture);

        // Keep exactly three fraction digits, plus any significant ones beyond the millisecond.
        var end = text.Length;
        while (end > text.Length - (MaxFractionDigits - 3) && text[end - 1] == '0')
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end), "Z");
    }

    /// <summary>Parses a STIX timestamp; any number of fraction digits is accepted, the trailing <c>Z</c> is required.</summary>
    /// <param name="value">The timestamp text.</param>
    /// <returns>The time, with a zero offset.</returns>
    /// <exception cref="FormatException">The text is not a STIX 2.1 timestamp.</exception>
    public static DateTimeOffset Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var result)
            ? result
            : throw new FormatException($"'{value}' is not a STIX timestamp (YYYY-MM-DDTHH:mm:ss[.s+]Z in UTC, STIX 2.1 §3.2).");
    }

    /// <summary>Parses a STIX timestamp without throwing.</summary>
    /// <param name="value">The timestamp text.</param>
    /// <param name="result">The time, with a zero offset, when the text is valid.</param>
    /// <returns><see langword="true"/> if the text is a STIX 2.1 timestamp.</returns>
    public static bool TryParse(string? value, out DateTimeOffset result)
    {
        result = default;
        const int secondsLength = 19; // yyyy-MM-ddTHH:mm:ss

        // STIX 2.1 §3.2: the time zone MUST be "Z" (uppercase), never an offset.
        if (value is null || value.Length < secondsLength + 1 || value[^1] != 'Z')
        {
            return false;
        }

        if (!DateTime.TryParseExact(
                value.AsSpan(0, secondsLength),
                "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var seconds))
        {
            return false;
        }

        var fraction = value.AsSpan(secondsLength, value.Length - secondsLength - 1);
        long ticks = 0;
        if (!fraction.IsEmpty)
        {
            if (fraction[0] != '.' || fraction.Length == 1)
            {
                return false;
            }

            var digits = fraction[1..];
            for (var i = 0; i < digits.Length; i++)
            {
                if (!char.IsAsciiDigit(digits[i]))
                {
                    return false;
                }

                // A DateTimeOffset holds 100 ns ticks; finer digits are dropped.
                if (i < MaxFractionDigits)
                {
                    ticks = (ticks * 10) + (digits[i] - '0');
                }
            }

            for (var i = digits.Length; i < MaxFractionDigits; i++)
            {
                ticks *= 10;
            }
        }

        result = new DateTimeOffset(seconds.AddTicks(ticks), TimeSpan.Zero);
        return true;
    }
}
