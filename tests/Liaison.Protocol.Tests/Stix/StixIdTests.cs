using Liaison.Protocol.Stix;

namespace Liaison.Protocol.Tests.Stix;

public class StixIdTests
{
    [Theory]
    [InlineData("identity--f690c992-8e7d-4b9a-9303-3312616c0220")]
    [InlineData("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da")]
    [InlineData("x-liaison-alert--6ba7b810-9dad-11d1-80b4-00c04fd430c8")]
    [InlineData("url--c1477287-23ac-5971-a010-5c287877fa60")]
    public void Parse_ValidIdentifier_RoundTripsThroughToString(string text)
    {
        var id = StixId.Parse(text);

        Assert.Equal(text, id.ToString());
    }

    [Fact]
    public void Parse_UppercaseUuid_IsAcceptedAndWrittenInLowercase()
    {
        var id = StixId.Parse("identity--F690C992-8E7D-4B9A-9303-3312616C0220");

        Assert.Equal("identity", id.Type);
        Assert.Equal("identity--f690c992-8e7d-4b9a-9303-3312616c0220", id.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("identity")]
    [InlineData("identity--")]
    [InlineData("identity-f690c992-8e7d-4b9a-9303-3312616c0220")]
    [InlineData("identity---f690c992-8e7d-4b9a-9303-3312616c0220")]
    [InlineData("Identity--f690c992-8e7d-4b9a-9303-3312616c0220")]
    [InlineData("ab--f690c992-8e7d-4b9a-9303-3312616c0220")]
    [InlineData("1dentity--f690c992-8e7d-4b9a-9303-3312616c0220")]
    [InlineData("x--liaison--f690c992-8e7d-4b9a-9303-3312616c0220")]
    [InlineData("identity_x--f690c992-8e7d-4b9a-9303-3312616c0220")]
    [InlineData("identity--f690c9928e7d4b9a93033312616c0220")]
    [InlineData("identity--{f690c992-8e7d-4b9a-9303-3312616c0220}")]
    [InlineData("identity--00000000-0000-0000-0000-000000000000")]
    [InlineData("identity--f690c992-8e7d-7b9a-9303-3312616c0220")]
    [InlineData("identity--f690c992-8e7d-4b9a-c303-3312616c0220")]
    public void TryParse_InvalidIdentifier_ReturnsFalse(string? text)
    {
        Assert.False(StixId.TryParse(text, out _));
    }

    [Fact]
    public void Parse_InvalidIdentifier_ThrowsFormatExceptionQuotingTheText()
    {
        var error = Assert.Throws<FormatException>(() => StixId.Parse("nope"));

        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IsValidType_EnforcesLengthLimits()
    {
        Assert.False(StixId.IsValidType("ab"));
        Assert.True(StixId.IsValidType("abc"));
        Assert.True(StixId.IsValidType(new string('a', 250)));
        Assert.False(StixId.IsValidType(new string('a', 251)));
    }

    [Fact]
    public void NewRandom_UsesVersion4Uuid()
    {
        var id = StixId.NewRandom("identity");

        Assert.Equal("identity", id.Type);
        Assert.Equal(4, id.Value.Version);
        Assert.NotEqual(id, StixId.NewRandom("identity"));
    }

    [Fact]
    public void Constructor_InvalidType_Throws()
    {
        Assert.Throws<FormatException>(() => new StixId("Not-A-Type", Guid.NewGuid()));
    }

    [Fact]
    public void Constructor_NonRfc4122Uuid_Throws()
    {
        Assert.Throws<FormatException>(() => new StixId("identity", Guid.Empty));
    }

    [Fact]
    public void Equality_IsByTypeAndValue()
    {
        var value = Guid.NewGuid();

        Assert.Equal(new StixId("identity", value), StixId.Parse($"identity--{value}"));
        Assert.NotEqual(new StixId("identity", value), new StixId("location", value));
    }
}
