using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Liaison.Components.Desk;

/// <summary>Why a form's local time could not become an instant.</summary>
public enum ZoneProblem
{
    None,

    /// <summary>Not a date or date and time the desk's inputs produce.</summary>
    Malformed,

    /// <summary>The wall-clock time never happens in the zone: the clocks jump over it when daylight saving starts.</summary>
    Skipped,
}

/// <summary>
/// One form value read in a zone. <see cref="Repeated"/> marks a wall-clock time that happens twice (the hour the
/// clocks go back); the desk then takes the first of the two, the earlier instant, so a deadline is never late.
/// </summary>
public readonly record struct ZoneReading(DateTime? Utc, ZoneProblem Problem, bool Repeated)
{
    /// <summary>The instant as the API takes it (RFC 3339 in UTC), or null when blank or unreadable.</summary>
    public string? Instant => Utc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

/// <summary>
/// The one place where date and time form fields meet the reader's time zone (<see cref="Reader"/>): values are
/// written into <c>datetime-local</c> and <c>date</c> inputs in the reader's zone, and what the person typed is read
/// in that zone and turned into UTC before it reaches a feature handler. Inputs always use the Gregorian calendar
/// (the browser's own control); only shown times follow the Solar Hijri option.
/// </summary>
public static class ZoneInput
{
    private static readonly string[] MinuteFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFF"];

    /// <summary>Value for <c>&lt;input type="datetime-local"&gt;</c>: the instant on the reader's wall clock.</summary>
    public static string Minute(DateTime utc) => Minute(utc, Reader.Current.Zone);

    public static string Minute(DateTime utc, TimeZoneInfo zone) =>
        InZone(utc, zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Value for <c>&lt;input type="date"&gt;</c>: the reader's calendar day the instant falls on.</summary>
    public static string Day(DateTime utc) => Day(utc, Reader.Current.Zone);

    public static string Day(DateTime utc, TimeZoneInfo zone) =>
        InZone(utc, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The reader's zone as column headers and labels name it: its IANA id, or <c>UTC</c>.</summary>
    public static string Label => LabelOf(Reader.Current.Zone);

    public static string LabelOf(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return IsUtc(zone) ? "UTC" : zone.Id;
    }

    /// <summary>The zone as hints name it, e.g. <c>Asia/Karachi, UTC+05:00</c>, at the instant given.</summary>
    public static string Name(DateTime utc) => Name(utc, Reader.Current.Zone);

    public static string Name(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var offset = When.Zone(utc, zone);
        return IsUtc(zone) ? offset : $"{zone.Id}, {offset}";
    }

    private static bool IsUtc(TimeZoneInfo zone) => zone.Id is "UTC" or "Etc/UTC" or "Etc/UCT" or "Universal" or "Zulu" || zone.Equals(TimeZoneInfo.Utc);

    /// <summary>
    /// Reads a form value typed on the wall clock of <paramref name="zone"/>: <c>yyyy-MM-ddTHH:mm</c> (seconds
    /// allowed), or a bare date meaning its first minute. Blank gives no instant and no problem.
    /// </summary>
    public static ZoneReading Read(string? input, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (string.IsNullOrWhiteSpace(input))
        {
            return default;
        }

        var text = input.Trim();
        if (!DateTime.TryParseExact(text, MinuteFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall)
            && !DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out wall))
        {
            return new ZoneReading(null, ZoneProblem.Malformed, false);
        }

        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall))
        {
            return new ZoneReading(null, ZoneProblem.Skipped, false);
        }

        if (zone.IsAmbiguousTime(wall))
        {
            // Both readings are real; the larger offset is the one in force before the clocks went back.
            var first = zone.GetAmbiguousTimeOffsets(wall).Max();
            return new ZoneReading(DateTime.SpecifyKind(wall - first, DateTimeKind.Utc), ZoneProblem.None, true);
        }

        return new ZoneReading(TimeZoneInfo.ConvertTimeToUtc(wall, zone), ZoneProblem.None, false);
    }

    /// <summary>
    /// The API's instant text for a form value in the reader's zone; an unreadable or skipped time is added to
    /// <paramref name="errors"/> under <paramref name="field"/> (the API's field name), translated, and gives null.
    /// </summary>
    public static string? Instant(string? input, string field, FieldErrors errors, IStringLocalizer localizer) =>
        Utc(input, field, errors, localizer) is { } utc ? new ZoneReading(utc, ZoneProblem.None, false).Instant : null;

    /// <inheritdoc cref="Instant(string?, string, FieldErrors, IStringLocalizer)"/>
    public static DateTime? Utc(string? input, string field, FieldErrors errors, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(localizer);
        var zone = Reader.Current.Zone;
        var reading = Read(input, zone);
        switch (reading.Problem)
        {
            case ZoneProblem.Malformed:
                errors.Add(field, localizer["Error.Instant"]);
                break;
            case ZoneProblem.Skipped:
                errors.Add(field, localizer["Error.SkippedTime", input!.Trim().Replace('T', ' '), zone.Id]);
                break;
        }

        return reading.Utc;
    }

    /// <summary>The first instant of a calendar day on the reader's wall clock (a date filter's "from").</summary>
    public static DateTime? DayStart(string? day) => DayStart(day, Reader.Current.Zone);

    public static DateTime? DayStart(string? day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!DateTime.TryParseExact(day?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return null;
        }

        // Midnight itself is skipped in a few zones (clocks go forward at 00:00); the day then starts at the first
        // minute that exists.
        var wall = DateTime.SpecifyKind(date, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(wall))
        {
            wall = wall.AddMinutes(1);
        }

        return Read(wall.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture), zone).Utc;
    }

    /// <summary>The last instant of a calendar day on the reader's wall clock (a date filter's "to", inclusive).</summary>
    public static DateTime? DayEnd(string? day) => DayEnd(day, Reader.Current.Zone);

    public static DateTime? DayEnd(string? day, TimeZoneInfo zone) =>
        DateTime.TryParseExact(day?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? DayStart(date.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), zone)?.AddTicks(-1)
            : null;

    /// <summary>An instant as the API's query parameters take it, to the tick, or null.</summary>
    public static string? Text(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTime InZone(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
    }
}
