using System.Globalization;
using Liaison.Components.Desk;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Liaison.Tests.Components;

/// <summary>Date and time form fields read and filled on the reader's wall clock, stored as UTC.</summary>
public sealed class ZoneInputTests
{
    private static readonly IStringLocalizer English = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static TimeZoneInfo Zone(string id) => Reader.FindZone(id) ?? throw new InvalidOperationException(id + " is not installed");

    [Theory]
    [InlineData("Asia/Karachi", "2026-11-28T20:00", "2026-11-28T15:00:00Z")]
    [InlineData("Asia/Tehran", "2026-11-28T08:30", "2026-11-28T05:00:00Z")]
    [InlineData("Asia/Karachi", "2026-11-29T03:00", "2026-11-28T22:00:00Z")]
    [InlineData("America/New_York", "2026-07-01T12:00", "2026-07-01T16:00:00Z")]
    [InlineData("America/New_York", "2026-12-01T12:00", "2026-12-01T17:00:00Z")]
    [InlineData("UTC", "2026-11-28T20:00", "2026-11-28T20:00:00Z")]
    public void Read_TakesTheWallClockOfTheZone_AndGivesUtc(string zone, string typed, string instant)
    {
        var reading = ZoneInput.Read(typed, Zone(zone));
        Assert.Equal(ZoneProblem.None, reading.Problem);
        Assert.False(reading.Repeated);
        Assert.Equal(instant, reading.Instant);
        Assert.Equal(DateTimeKind.Utc, reading.Utc!.Value.Kind);
    }

    [Theory]
    [InlineData("Asia/Karachi")]
    [InlineData("Asia/Tehran")]
    [InlineData("Europe/London")]
    [InlineData("America/New_York")]
    public void MinuteThenRead_GivesBackTheSameInstant_AcrossTheYear(string zone)
    {
        var tz = Zone(zone);
        for (var utc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc); utc.Year == 2026; utc = utc.AddMinutes(30 * 97))
        {
            var typed = ZoneInput.Minute(utc, tz);
            var back = ZoneInput.Read(typed, tz);
            // In the repeated hour the wall clock alone cannot say which pass is meant; the desk takes the first.
            if (!back.Repeated)
            {
                Assert.Equal(utc, back.Utc);
            }
        }
    }

    [Fact]
    public void Minute_FillsTheInputOnTheReadersClock()
    {
        var utc = new DateTime(2026, 11, 28, 22, 15, 0, DateTimeKind.Utc);
        Assert.Equal("2026-11-29T03:15", ZoneInput.Minute(utc, Zone("Asia/Karachi")));
        Assert.Equal("2026-11-29T01:45", ZoneInput.Minute(utc, Zone("Asia/Tehran")));
        Assert.Equal("2026-11-29", ZoneInput.Day(utc, Zone("Asia/Karachi")));
        Assert.Equal("2026-11-28", ZoneInput.Day(utc, TimeZoneInfo.Utc));
    }

    [Theory]
    [InlineData("Europe/London", "2026-03-29T01:30")]
    [InlineData("America/New_York", "2026-03-08T02:15")]
    public void Read_ATimeTheClocksSkip_IsAProblemNotAGuess(string zone, string typed)
    {
        var reading = ZoneInput.Read(typed, Zone(zone));
        Assert.Equal(ZoneProblem.Skipped, reading.Problem);
        Assert.Null(reading.Instant);
    }

    [Theory]
    // 01:30 happens twice in London on 25 October 2026: first at BST (00:30Z), then at GMT (01:30Z).
    [InlineData("Europe/London", "2026-10-25T01:30", "2026-10-25T00:30:00Z")]
    // 01:30 happens twice in New York on 1 November 2026: first at EDT (05:30Z), then at EST (06:30Z).
    [InlineData("America/New_York", "2026-11-01T01:30", "2026-11-01T05:30:00Z")]
    public void Read_ARepeatedTime_TakesTheFirstPass_TheEarlierInstant(string zone, string typed, string instant)
    {
        var reading = ZoneInput.Read(typed, Zone(zone));
        Assert.Equal(ZoneProblem.None, reading.Problem);
        Assert.True(reading.Repeated);
        Assert.Equal(instant, reading.Instant);
    }

    [Fact]
    public void Read_Tehran_HasNoDaylightSavingSince2022()
    {
        // Before 2023 Tehran moved its clocks on 1 Farvardin (21 or 22 March); 00:30 that night no longer is skipped.
        Assert.Equal(ZoneProblem.Skipped, ZoneInput.Read("2022-03-22T00:30", Zone("Asia/Tehran")).Problem);
        Assert.Equal("2026-03-21T21:00:00Z", ZoneInput.Read("2026-03-22T00:30", Zone("Asia/Tehran")).Instant);
    }

    [Theory]
    [InlineData("28/11/2026 20:00")]
    [InlineData("2026-13-01T10:00")]
    [InlineData("tomorrow")]
    public void Read_Unreadable_IsMalformed(string typed) =>
        Assert.Equal(ZoneProblem.Malformed, ZoneInput.Read(typed, Zone("Asia/Karachi")).Problem);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Read_Blank_IsNoInstantAndNoProblem(string? typed)
    {
        var reading = ZoneInput.Read(typed, Zone("Asia/Karachi"));
        Assert.Equal(ZoneProblem.None, reading.Problem);
        Assert.Null(reading.Utc);
    }

    [Fact]
    public void Instant_UsesTheCurrentReader_AndNamesTheFieldOfASkippedTime()
    {
        var before = CultureInfo.CurrentCulture;
        var beforeUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = new ReaderCulture("en", new Reader(Zone("Europe/London"), DeskCalendar.Default));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var errors = new FieldErrors();

            Assert.Equal("2026-06-01T08:00:00Z", ZoneInput.Instant("2026-06-01T09:00", "validFrom", errors, English));
            Assert.Null(ZoneInput.Instant("2026-03-29T01:30", "validUntil", errors, English));

            Assert.Equal(["validUntil"], errors.Fields);
            var message = Assert.Single(errors.For("validUntil"));
            Assert.Contains("2026-03-29 01:30", message, StringComparison.Ordinal);
            Assert.Contains("Europe/London", message, StringComparison.Ordinal);
            Assert.Contains("daylight saving", message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }

    [Fact]
    public void DayStartAndEnd_AreTheReadersMidnights()
    {
        var karachi = Zone("Asia/Karachi");
        Assert.Equal(new DateTime(2026, 11, 27, 19, 0, 0, DateTimeKind.Utc), ZoneInput.DayStart("2026-11-28", karachi));
        Assert.Equal(new DateTime(2026, 11, 28, 19, 0, 0, DateTimeKind.Utc).AddTicks(-1), ZoneInput.DayEnd("2026-11-28", karachi));
        // The day the clocks go forward in London is 23 hours long.
        var london = Zone("Europe/London");
        Assert.Equal(TimeSpan.FromHours(23), ZoneInput.DayEnd("2026-03-29", london)!.Value.AddTicks(1) - ZoneInput.DayStart("2026-03-29", london)!.Value);
        Assert.Null(ZoneInput.DayStart("not a day", karachi));
        Assert.Null(ZoneInput.DayEnd(null, karachi));
    }

    [Fact]
    public void Name_SaysTheZoneAndItsOffsetThatDay()
    {
        Assert.Equal("Asia/Karachi, UTC+05:00", ZoneInput.Name(new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc), Zone("Asia/Karachi")));
        Assert.Equal("Europe/London, UTC+01:00", ZoneInput.Name(new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc), Zone("Europe/London")));
        Assert.Equal("Europe/London, UTC", ZoneInput.Name(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), Zone("Europe/London")));
        Assert.Equal("UTC", ZoneInput.Name(new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc), TimeZoneInfo.Utc));
        Assert.Equal("UTC", ZoneInput.LabelOf(TimeZoneInfo.Utc));
    }
}
