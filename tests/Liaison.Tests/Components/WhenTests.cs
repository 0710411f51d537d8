using System.Globalization;
using Liaison.Accounts;
using Liaison.Components.Desk;

namespace Liaison.Tests.Components;

/// <summary>Times as the desk writes them for a reader in a given zone and calendar.</summary>
public sealed class WhenTests
{
    // 2026-03-20 20:45 UTC: the evening the Persian year 1405 begins in Tehran (UTC+03:30, no daylight saving since 2022).
    private static readonly DateTime Nowruz = new(2026, 3, 20, 20, 45, 0, DateTimeKind.Utc);

    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");
    private static readonly CultureInfo Persian = CultureInfo.GetCultureInfo("fa");

    private static Reader In(string zone, DeskCalendar calendar = DeskCalendar.Gregorian) =>
        new(Reader.FindZone(zone) ?? throw new InvalidOperationException(zone + " is not installed"), calendar);

    [Fact]
    public void Minute_InTehran_IsThreeAndAHalfHoursAhead_AndCrossesMidnight()
    {
        Assert.Equal("2026-03-21 00:15", When.Minute(Nowruz, In("Asia/Tehran"), English));
        Assert.Equal("UTC+03:30", When.Zone(Nowruz, In("Asia/Tehran").Zone));
    }

    [Fact]
    public void Minute_InKarachi_IsFiveHoursAhead()
    {
        Assert.Equal("2026-03-21 01:45", When.Minute(Nowruz, In("Asia/Karachi"), English));
        Assert.Equal("UTC+05:00", When.Zone(Nowruz, In("Asia/Karachi").Zone));
    }

    [Fact]
    public void Zone_ForUtc_IsPlainUtc_AndWestOfGreenwichIsNegative()
    {
        Assert.Equal("UTC", When.Zone(Nowruz, TimeZoneInfo.Utc));
        Assert.Equal("UTC-04:00", When.Zone(Nowruz, In("America/New_York").Zone));
    }

    [Fact]
    public void SolarHijri_KnownGregorianDates_MapToTheirPersianDates()
    {
        // 1 Farvardin 1405 is 21 March 2026; 10 Dey 1402 is 31 December 2023.
        Assert.Equal("1405-01-01", When.Day(new DateTime(2026, 3, 21, 12, 0, 0, DateTimeKind.Utc), new Reader(TimeZoneInfo.Utc, DeskCalendar.SolarHijri), English));
        Assert.Equal("1402-10-10", When.Day(new DateTime(2023, 12, 31, 12, 0, 0, DateTimeKind.Utc), new Reader(TimeZoneInfo.Utc, DeskCalendar.SolarHijri), English));
    }

    [Fact]
    public void SolarHijri_AppliesAfterTheZone_SoTehransNewYearStartsAtItsOwnMidnight()
    {
        Assert.Equal("1404-12-29 20:45", When.Minute(Nowruz, new Reader(TimeZoneInfo.Utc, DeskCalendar.SolarHijri), English));
        Assert.Equal("1405-01-01 00:15", When.Minute(Nowruz, In("Asia/Tehran", DeskCalendar.SolarHijri), English));
    }

    [Fact]
    public void DefaultCalendar_FollowsTheLanguage()
    {
        var tehran = In("Asia/Tehran", DeskCalendar.Default);
        Assert.Equal("1405-01-01", When.Day(Nowruz, tehran, Persian));
        Assert.Equal("2026-03-21", When.Day(Nowruz, tehran, English));
        Assert.Equal("2026-03-21", When.Day(Nowruz, In("Asia/Tehran", DeskCalendar.Gregorian), Persian));
    }

    [Fact]
    public void ReaderCulture_CarriesTheReaderToTheParameterlessFormatters()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new ReaderCulture("fa", In("Asia/Karachi", DeskCalendar.Default));
            Assert.Equal("1405-01-01 01:45", When.Minute(Nowruz));
            Assert.Equal("UTC+05:00", When.Zone(Nowruz));
            Assert.Equal("fa", CultureInfo.CurrentCulture.Name);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Theory]
    [InlineData("xx", null, null, "language")]
    [InlineData(null, "Mars/Olympus", null, "timeZone")]
    [InlineData(null, null, "Lunar", "calendar")]
    public void Preferences_RefuseUnknownValues_NamingTheField(string? language, string? zone, string? calendar, string field)
    {
        var problem = PreferenceStore.Check(language, zone, calendar).Problem();
        Assert.Equal([field], problem.ProblemDetails.Errors.Keys);
    }

    [Fact]
    public void Preferences_AcceptIanaZonesAndTheOfferedChoices()
    {
        Assert.True(PreferenceStore.Check("fa", "Asia/Tehran", "SolarHijri").IsValid);
        Assert.True(PreferenceStore.Check(null, null, null).IsValid);
    }
}
