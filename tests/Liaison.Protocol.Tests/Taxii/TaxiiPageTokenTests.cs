using FsCheck;
using FsCheck.Xunit;
using Liaison.Protocol.Taxii;

namespace Liaison.Protocol.Tests.Taxii;

public class TaxiiPageTokenTests
{
    private const string Base64UrlAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    [Theory]
    [InlineData(0L, "")]
    [InlineData(42L, "abcDEF123_-x")]
    [InlineData(long.MaxValue, "fingerprint with ünïcode")]
    public void ToStringThenTryParse_RoundTrips(long position, string fingerprint)
    {
        var text = new TaxiiPageToken(position, fingerprint).ToString();

        Assert.True(TaxiiPageToken.TryParse(text, out var parsed));
        Assert.Equal(position, parsed.Position);
        Assert.Equal(fingerprint, parsed.FilterFingerprint);
    }

    [Fact]
    public void ToString_IsBase64UrlWithoutPadding()
    {
        var text = new TaxiiPageToken(123_456_789, "abcdefghijkl").ToString();

        Assert.Matches("^[A-Za-z0-9_-]+$", text);
    }

    [Fact]
    public void TryParse_AnySingleCharacterChanged_IsRefused()
    {
        var text = new TaxiiPageToken(987_654_321, "abcdefghijkl").ToString();

        for (var i = 0; i < text.Length; i++)
        {
            foreach (var replacement in Base64UrlAlphabet.Where(c => c != text[i]))
            {
                var tampered = string.Concat(text.AsSpan(0, i), replacement.ToString(), text.AsSpan(i + 1));
                Assert.False(TaxiiPageToken.TryParse(tampered, out _), $"accepted '{tampered}'");
            }
        }
    }

    [Fact]
    public void TryParse_TruncatedOrExtended_IsRefused()
    {
        var text = new TaxiiPageToken(5, "abcdefghijkl").ToString();

        for (var length = 0; length < text.Length; length++)
        {
            Assert.False(TaxiiPageToken.TryParse(text[..length], out _));
        }

        Assert.False(TaxiiPageToken.TryParse(text + "A", out _));
        Assert.False(TaxiiPageToken.TryParse(text + "=", out _));
        Assert.False(TaxiiPageToken.TryParse(text + "==", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("123456789")]
    [InlineData("not a token")]
    [InlineData("!!!!")]
    [InlineData("====")]
    [InlineData("AQAAAAAAAAAFDGFiY2RlZmdoaWprbA")]
    [InlineData(" AQAAAAAAAAAFDGFiY2RlZmdoaWprbA")]
    [InlineData("AQAAAAAAAAAF+GFiY2RlZmdoaWprbA")]
    public void TryParse_Garbage_ReturnsFalse(string? text)
    {
        Assert.False(TaxiiPageToken.TryParse(text, out var token));
        Assert.Null(token);
    }

    [Fact]
    public void TryParse_VeryLongInput_ReturnsFalse()
    {
        Assert.False(TaxiiPageToken.TryParse(new string('A', 100_000), out _));
    }

    [Property(MaxTest = 500)]
    public bool TryParse_AnyString_NeverThrows(string? text) =>
        !TaxiiPageToken.TryParse(text, out var token) || token.ToString() == text;

    [Fact]
    public void IsFor_ComparesTheFingerprintExactly()
    {
        var token = new TaxiiPageToken(1, "abc");

        Assert.True(token.IsFor("abc"));
        Assert.False(token.IsFor("ABC"));
        Assert.False(token.IsFor("abcd"));
    }

    [Fact]
    public void Constructor_NegativePositionOrLongFingerprint_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaxiiPageToken(-1, "abc"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TaxiiPageToken(1, new string('x', TaxiiPageToken.MaxFingerprintBytes + 1)));
    }
}
