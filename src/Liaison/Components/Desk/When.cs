using System.Globalization;
using Liaison.Features.Incidents;
using Liaison.Protocol.Stix;

namespace Liaison.Components.Desk;

/// <summary>
/// Instants as the desk shows them: in the reader's time zone and calendar (<see cref="Reader"/>; Solar Hijri for
/// Persian unless they chose Gregorian), always with the offset from UTC so both sides of the border can compare.
/// Form fields are read and filled in the reader's zone by <see cref="ZoneInput"/>; the date helpers below are for
/// reported dates, which are dates rather than instants and do not move with a zone.
/// </summary>
public static class When
{
    public static string Minute(DateTime utc) => Minute(utc, Reader.Current, CultureInfo.CurrentCulture);

    public static string Minute(DateTime utc, Reader reader, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var local = InZone(utc, reader.Zone);
        return $"{Date(local, reader.UsesSolarHijri(culture))} {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";
    }

    /// <summary>To the second, for the audit log.</summary>
    public static string Second(DateTime utc)
    {
        var reader = Reader.Current;
        var local = InZone(utc, reader.Zone);
        return $"{Date(local, reader.UsesSolarHijri(CultureInfo.CurrentCulture))} {local.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}";
    }

    public static string Day(DateTime utc) => Day(utc, Reader.Current, CultureInfo.CurrentCulture);

    public static string Day(DateTime utc, Reader reader, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Date(InZone(utc, reader.Zone), reader.UsesSolarHijri(culture));
    }

    public static string Month(DateTime utc) => Date(InZone(utc, Reader.Current.Zone), Reader.Current.UsesSolarHijri(CultureInfo.CurrentCulture))[..7];

    /// <summary>The offset the shown time is in, e.g. <c>UTC</c> or <c>UTC+03:30</c>.</summary>
    public static string Zone(DateTime utc) => Zone(utc, Reader.Current.Zone);

    public static string Zone(DateTime utc, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var offset = zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        return offset == TimeSpan.Zero
            ? "UTC"
            : string.Create(CultureInfo.InvariantCulture, $"UTC{(offset < TimeSpan.Zero ? '-' : '+')}{offset.Duration():hh\\:mm}");
    }

    private static DateTime InZone(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    // Digits stay Latin and the order year-month-day in every language, as before; only the calendar changes.
    private static string Date(DateTime local, bool solarHijri)
    {
        if (!solarHijri)
        {
            return local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        var persian = new PersianCalendar();
        return string.Create(CultureInfo.InvariantCulture, $"{persian.GetYear(local):D4}-{persian.GetMonth(local):D2}-{persian.GetDayOfMonth(local):D2}");
    }

    /// <summary>For the <c>datetime</c> attribute of <c>&lt;time&gt;</c>.</summary>
    public static string Machine(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary>Only as precise as the report is.</summary>
    public static string Occurred(Occurrence occurred)
    {
        ArgumentNullException.ThrowIfNull(occurred);
        return occurred.Precision switch
        {
            // A reported day or month is a date, not an instant: moving it into another zone would change the day.
            OccurrencePrecision.Day => Date(occurred.Start, Reader.Current.UsesSolarHijri(CultureInfo.CurrentCulture)),
            OccurrencePrecision.Month => Date(occurred.Start, Reader.Current.UsesSolarHijri(CultureInfo.CurrentCulture))[..7],
            OccurrencePrecision.Range when occurred.End is { } end => $"{Minute(occurred.Start)} – {Minute(end)} {Zone(occurred.Start)}",
            _ => $"{Minute(occurred.Start)} {Zone(occurred.Start)}",
        };
    }

    /// <summary>A reported date for <c>&lt;input type="date"&gt;</c>, as written (times a person types use <see cref="ZoneInput"/>).</summary>
    public static string DateInput(DateTime utc) => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An input's value as the API's instant text, taken as UTC: for reported dates (a day, a month); times a person types go through <see cref="ZoneInput"/>.</summary>
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
}
