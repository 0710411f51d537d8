using System.Globalization;

namespace Liaison.Components.Desk;

/// <summary>The calendar a reader chose; <see cref="Default"/> follows the language (Solar Hijri for Persian).</summary>
public enum DeskCalendar
{
    Default,
    Gregorian,
    SolarHijri,
}

/// <summary>
/// How one reader wants instants written: in their time zone and calendar. It travels as the request's formatting
/// culture (<see cref="ReaderCulture"/>), so it reaches every page and the live circuit the same way the language does.
/// </summary>
public sealed record Reader(TimeZoneInfo Zone, DeskCalendar Calendar)
{
    public static Reader Utc { get; } = new(TimeZoneInfo.Utc, DeskCalendar.Default);

    /// <summary>The reader of the current request or circuit; UTC in the language's calendar when nobody chose.</summary>
    public static Reader Current => CultureInfo.CurrentCulture is ReaderCulture culture ? culture.Reader : Utc;

    /// <summary>The calendar actually used: Solar Hijri for Persian unless Gregorian was chosen.</summary>
    public bool UsesSolarHijri(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return Calendar == DeskCalendar.SolarHijri
            || (Calendar == DeskCalendar.Default && culture.TwoLetterISOLanguageName == "fa");
    }

    /// <summary>An IANA (or Windows) zone id, or null when the id is unknown on this machine.</summary>
    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    public static DeskCalendar ParseCalendar(string? value) =>
        Enum.TryParse<DeskCalendar>(value, ignoreCase: true, out var calendar) && Enum.IsDefined(calendar) ? calendar : DeskCalendar.Default;
}

/// <summary>The language's culture carrying the reader's zone and calendar; resources still resolve by its name.</summary>
public sealed class ReaderCulture : CultureInfo
{
    public ReaderCulture(string name, Reader reader)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(reader);
        Reader = reader;
        // Month and day names (the home page's long date) follow the chosen calendar where the language offers it.
        var solarHijri = reader.UsesSolarHijri(this);
        var offered = OptionalCalendars.FirstOrDefault(c => solarHijri ? c is PersianCalendar : c is GregorianCalendar);
        if (offered is not null)
        {
            DateTimeFormat.Calendar = offered;
        }
    }

    public Reader Reader { get; }
}
