using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class StixTimestampTests
{
    [Fact]
    public void Format_WholeSecond_HasThreeFractionDigits()
    {
        var value = new DateTimeOffset(2016, 5, 12, 8, 17, 27, TimeSpan.Zero);

        Assert.Equal("2016-05-12T08:17:27.000Z", StixTimestamp.Format(value));
    }

    [Fact]
    public void Format_ConvertsToUtc()
    {
        var value = new DateTimeOffset(2016, 5, 12, 11, 47, 27, 123, TimeSpan.FromHours(3.5));

        Assert.Equal("2016-05-12T08:17:27.123Z", StixTimestamp.Format(value));
    }

    [Fact]
    public void Format_SubMillisecondPrecision_IsKeptWithoutTrailingZeros()
    {
        var value = new DateTimeOffset(2016, 5, 12, 8, 17, 27, TimeSpan.Zero).AddTicks(1_234_500);

        Assert.Equal("2016-05-12T08:17:27.12345Z", StixTimestamp.Format(value));
    }

    [Theory]
    [InlineData("2016-05-12T08:17:27Z", 0L)]
    [InlineData("2016-05-12T08:17:27.1Z", 1_000_000L)]
    [InlineData("2016-05-12T08:17:27.000Z", 0L)]
    [InlineData("2016-05-12T08:17:27.123Z", 1_230_000L)]
    [InlineData("2016-05-12T08:17:27.1234567Z", 1_234_567L)]
    [InlineData("2016-05-12T08:17:27.123456789Z", 1_234_567L)]
    public void Parse_AcceptsAnyNumberOfFractionDigits(string text, long ticksAfterSecond)
    {
        var expected = new DateTimeOffset(2016, 5, 12, 8, 17, 27, TimeSpan.Zero).AddTicks(ticksAfterSecond);

        var parsed = StixTimestamp.Parse(text);

        Assert.Equal(expected, parsed);
        Assert.Equal(TimeSpan.Zero, parsed.Offset);
    }

    [Theory]
    [InlineData("2016-05-12T08:17:27.123")]
    [InlineData("2016-05-12T08:17:27.123+00:00")]
    [InlineData("2016-05-12T08:17:27.123z")]
    [InlineData("2016-05-12 08:17:27.123Z")]
    [InlineData("2016-05-12T08:17:27.Z")]
    [InlineData("2016-05-12T08:17:27,123Z")]
    [InlineData("2016-13-12T08:17:27.123Z")]
    [InlineData("2016-05-12T08:17Z")]
    [InlineData("2016-05-12")]
    [InlineData("")]
    public void TryParse_NonStixTimestamp_ReturnsFalse(string text)
    {
        Assert.False(StixTimestamp.TryParse(text, out _));
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionQuotingTheText()
    {
        var error = Assert.Throws<FormatException>(() => StixTimestamp.Parse("yesterday"));

        Assert.Contains("'yesterday'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FormatThenParse_RoundTripsToTheTick()
    {
        var value = new DateTimeOffset(2025, 11, 28, 4, 9, 1, TimeSpan.Zero).AddTicks(9_876_543);

        Assert.Equal(value, StixTimestamp.Parse(StixTimestamp.Format(value)));
    }
}
