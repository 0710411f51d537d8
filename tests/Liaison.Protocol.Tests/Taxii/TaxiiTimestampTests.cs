using FsCheck;
using FsCheck.Xunit;
using Liaison.Protocol.Taxii;

namespace Liaison.Protocol.Tests.Taxii;

public class TaxiiTimestampTests
{
    private static readonly DateTimeOffset Second = new(2016, 11, 2, 12, 34, 34, TimeSpan.Zero);

    [Fact]
    public void Format_WholeSecond_HasSixFractionDigits()
    {
        Assert.Equal("2016-11-02T12:34:34.000000Z", TaxiiTimestamp.Format(Second));
    }

    [Fact]
    public void Format_DropsDigitsBelowTheMicrosecondWithoutRounding()
    {
        Assert.Equal("2016-11-02T12:34:34.123456Z", TaxiiTimestamp.Format(Second.AddTicks(1_234_569)));
    }

    [Fact]
    public void Format_ConvertsToUtc()
    {
        var local = new DateTimeOffset(2016, 11, 2, 17, 4, 34, TimeSpan.FromHours(4.5)).AddTicks(1_234_500);

        Assert.Equal("2016-11-02T12:34:34.123450Z", TaxiiTimestamp.Format(local));
    }

    [Property(MaxTest = 300)]
    public bool Format_OrdersAsStringsAsTheTimesOrder(long a, long b)
    {
        var first = Instant(a);
        var second = Instant(b);

        var byString = Math.Sign(string.CompareOrdinal(TaxiiTimestamp.Format(first), TaxiiTimestamp.Format(second)));
        var byTime = TaxiiTimestamp.TruncateToMicroseconds(first).CompareTo(TaxiiTimestamp.TruncateToMicroseconds(second));

        return byString == Math.Sign(byTime);
    }

    [Property(MaxTest = 300)]
    public bool FormatThenParse_GivesTheTruncatedInstant(long ticks)
    {
        var value = Instant(ticks);

        return TaxiiTimestamp.Parse(TaxiiTimestamp.Format(value)) == TaxiiTimestamp.TruncateToMicroseconds(value);
    }

    [Theory]
    [InlineData("2016-11-02T12:34:34Z", 0L)]
    [InlineData("2016-11-02T12:34:34.1Z", 1_000_000L)]
    [InlineData("2016-11-02T12:34:34.123Z", 1_230_000L)]
    [InlineData("2016-11-02T12:34:34.12345Z", 1_234_500L)]
    [InlineData("2016-11-02T12:34:34.123456Z", 1_234_560L)]
    [InlineData("2016-11-02T12:34:34.123456789Z", 1_234_567L)]
    public void Parse_AcceptsAnyPrecision(string text, long ticksAfterSecond)
    {
        var parsed = TaxiiTimestamp.Parse(text);

        Assert.Equal(Second.AddTicks(ticksAfterSecond), parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Theory]
    [InlineData("2016-11-02T16:04:34.123456+03:30")]
    [InlineData("2016-11-02T12:34:34-00:00")]
    public void TryParse_Offset_IsRefusedAskingForZ(string text)
    {
        Assert.False(TaxiiTimestamp.TryParse(text, out _, out var error));
        Assert.Contains("offset", error, StringComparison.Ordinal);
        Assert.Contains("'Z'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_PlusDecodedAsSpaceFromAQuery_HintsAtPercentEncoding()
    {
        Assert.False(TaxiiTimestamp.TryParse("2016-11-02T16:04:34.123456 03:30", out _, out var error));
        Assert.Contains("%2B", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_NoZone_SaysTheZoneIsMissing()
    {
        Assert.False(TaxiiTimestamp.TryParse("2016-11-02T12:34:34.123456", out _, out var error));
        Assert.Contains("no time zone", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2016-11-02")]
    [InlineData("2016-13-02T12:34:34Z")]
    [InlineData("2016-11-02 12:34:34Z")]
    [InlineData("2016-11-02T12:34:34.Z")]
    [InlineData("2016-11-02T12:34:34.123z")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_NotATimestamp_ReturnsFalseWithAReason(string? text)
    {
        Assert.False(TaxiiTimestamp.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionQuotingTheText()
    {
        var error = Assert.Throws<FormatException>(() => TaxiiTimestamp.Parse("yesterday"));

        Assert.Contains("'yesterday'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_HugeInput_QuotesOnlyItsStart()
    {
        Assert.False(TaxiiTimestamp.TryParse(new string('x', 10_000), out _, out var error));
        Assert.True(error.Length < 300);
    }

    // Any instant between year 1 and 9999, from an arbitrary long.
    private static DateTimeOffset Instant(long seed) =>
        new(Math.Abs(seed % DateTimeOffset.MaxValue.UtcTicks), TimeSpan.Zero);
}
