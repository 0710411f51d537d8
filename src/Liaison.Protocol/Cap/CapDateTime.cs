using System.Globalization;
using System.Text.RegularExpressions;

namespace Liaison.Protocol.Cap;

/// <summary>
/// CAP 1.2 §3.3.2 date-times: <c>2002-05-24T16:49:00-07:00</c>, always with an explicit offset, never <c>Z</c>,
/// no fractional seconds, and UTC written <c>-00:00</c>.
/// </summary>
public static partial class CapDateTime
{
    /// <summary>Formats a time to the second with its offset; a zero offset is written <c>-00:00</c> (§3.3.2).</summary>
    /// <param name="value">The time.</param>
    /// <returns>The CAP form.</returns>
    public static string Format(DateTimeOffset value)
    {
        var local = value.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var offset = value.Offset;
        var sign = offset <= TimeSpan.Zero ? '-' : '+';
        var magnitude = offset.Duration();
        return $"{local}{sign}{magnitude.Hours:00}:{magnitude.Minutes:00}";
    }

    /// <summary>Parses a CAP date-time.</summary>
    /// <param name="text">The element's text.</param>
    /// <param name="value">The time, when it parses.</param>
    /// <returns>Whether it is a CAP date-time.</returns>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (!Pattern().IsMatch(text))
        {
            return false;
        }

        return DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>The CAP 1.2 XSD pattern for every date-time element.</summary>
    [GeneratedRegex(@"^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
