using System.Globalization;
using System.Text.RegularExpressions;

namespace Liaison.Http;

/// <summary>
/// Instants as the API takes them: ISO 8601 / RFC 3339 with <c>Z</c> or an explicit offset, turned into UTC.
/// A time without an offset is refused rather than guessed, because a guess is wrong on one side of the border.
/// </summary>
public static partial class UtcInstant
{
    private static readonly string[] Formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK"];

    public static DateTime? Parse(string? text, string field, Validation validation, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (string.IsNullOrWhiteSpace(text))
        {
            validation.When(required, field, "is required");
            return null;
        }

        if (!ExplicitOffset().IsMatch(text)
            || !DateTimeOffset.TryParseExact(text.Trim(), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value))
        {
            validation.Add(field, "must be an ISO 8601 instant with Z or an offset, e.g. 2026-11-28T08:00:00Z");
            return null;
        }

        return value.UtcDateTime;
    }

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:\d{2})\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExplicitOffset();
}
