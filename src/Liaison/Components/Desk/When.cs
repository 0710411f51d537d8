using System.Globalization;
using Liaison.Features.Incidents;
using Liaison.Protocol.Stix;

namespace Liaison.Components.Desk;

/// <summary>
/// Instants as the desk shows them: UTC, so both sides of the border read the same time, written in the reader's
/// calendar (Solar Hijri for Persian). Form fields take Gregorian UTC values, as the browser's date pickers do.
/// </summary>
public static class When
{
    public static string Minute(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.CurrentCulture);

    public static string Day(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.CurrentCulture);

    public static string Month(DateTime utc) => utc.ToString("yyyy-MM", CultureInfo.CurrentCulture);

    /// <summary>For the <c>datetime</c> attribute of <c>&lt;time&gt;</c>.</summary>
    public static string Machine(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary>Only as precise as the report is.</summary>
    public static string Occurred(Occurrence occurred)
    {
        ArgumentNullException.ThrowIfNull(occurred);
        return occurred.Precision switch
        {
            OccurrencePrecision.Day => Day(occurred.Start),
            OccurrencePrecision.Month => Month(occurred.Start),
            OccurrencePrecision.Range when occurred.End is { } end => $"{Minute(occurred.Start)} – {Minute(end)}",
            _ => Minute(occurred.Start),
        };
    }

    /// <summary>Value for <c>&lt;input type="datetime-local"&gt;</c>, read as UTC.</summary>
    public static string LocalInput(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static string DateInput(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An input's value as the API's instant text: a date is its first minute; the value is UTC.</summary>
    public static string? ToInstant(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var text = input.Trim();
        return text.Length switch
        {
            7 => $"{text}-01T00:00Z",
            10 => $"{text}T00:00Z",
            _ => text.EndsWith('Z') ? text : $"{text}Z",
        };
    }

    /// <summary>Parses a form value the same way, for filters that need a <see cref="DateTime"/>.</summary>
    public static DateTime? ParseInput(string? input) =>
        ToInstant(input) is { } instant && DateTimeOffset.TryParseExact(instant, "yyyy-MM-dd'T'HH:mmK", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value.UtcDateTime
            : null;
}
