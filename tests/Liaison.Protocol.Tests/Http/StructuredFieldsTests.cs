using Liaison.Protocol.Http;

namespace Liaison.Protocol.Tests.Http;

public class StructuredFieldsTests
{
    [Fact]
    public void ParseDictionary_SignatureInput_ReadsInnerListAndParameters()
    {
        var members = StructuredFields.ParseDictionary(
            "sig1=(\"@method\" \"content-digest\");created=1618884473;keyid=\"k\";nonce=\"n\";flag;t=tok, sig2=()");

        Assert.Equal(["sig1", "sig2"], members.Select(m => m.Key));
        var list = Assert.IsType<SfInnerList>(members[0].Value);
        Assert.Equal(["@method", "content-digest"], list.Items.Select(i => i.Value));
        Assert.Equal(1618884473L, list.GetParameter("created"));
        Assert.Equal("k", list.GetParameter("keyid"));
        Assert.Equal(true, list.GetParameter("flag"));
        Assert.Equal(new SfToken("tok"), list.GetParameter("t"));
        Assert.Empty(Assert.IsType<SfInnerList>(members[1].Value).Items);
    }

    [Fact]
    public void ParseDictionary_ByteSequences_Decode()
    {
        var members = StructuredFields.ParseDictionary("a=:AQID:,b=:: ,  c=?0");

        Assert.Equal(new byte[] { 1, 2, 3 }, Assert.IsType<SfItem>(members[0].Value).Value);
        Assert.Equal(Array.Empty<byte>(), Assert.IsType<SfItem>(members[1].Value).Value);
        Assert.Equal(false, Assert.IsType<SfItem>(members[2].Value).Value);
    }

    [Fact]
    public void ParseDictionary_StringEscapesAndNumbers()
    {
        var members = StructuredFields.ParseDictionary("s=\"a\\\"b\\\\c\", i=-42, d=3.14");

        Assert.Equal("a\"b\\c", ((SfItem)members[0].Value).Value);
        Assert.Equal(-42L, ((SfItem)members[1].Value).Value);
        Assert.Equal(3.14m, ((SfItem)members[2].Value).Value);
    }

    [Fact]
    public void ParseDictionary_RepeatedKey_KeepsLastValueInFirstPosition()
    {
        var members = StructuredFields.ParseDictionary("a=1, b=2, a=3");

        Assert.Equal(["a", "b"], members.Select(m => m.Key));
        Assert.Equal(3L, ((SfItem)members[0].Value).Value);
    }

    [Theory]
    [InlineData("sig1=(\"a\"", "not closed")]
    [InlineData("sig1=(\"a\"\"b\")", "space or ')'")]
    [InlineData("Sig1=(\"a\")", "lowercase")]
    [InlineData("a=1,", "end with a comma")]
    [InlineData("a=1 b=2", "comma")]
    [InlineData("a=\"unterminated", "not closed")]
    [InlineData("a=\"bad\\n\"", "escape")]
    [InlineData("a=:AQID", "not closed")]
    [InlineData("a=:A!ID:", "base64")]
    [InlineData("a=:AQI:", "base64")]
    [InlineData("a=1234567890123456", "too many digits")]
    [InlineData("a=1.2345", "fractional")]
    [InlineData("a=?2", "boolean")]
    [InlineData("a=\"é\"", "printable ASCII")]
    [InlineData("a=1;", "key")]
    [InlineData("a=@1", "cannot start a value")]
    public void ParseDictionary_Malformed_ThrowsFormatExceptionNamingTheProblem(string value, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => StructuredFields.ParseDictionary(value));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sig1=(\"@method\" \"@target-uri\");created=1;keyid=\"k\"")]
    [InlineData("a=:AQID:, b=?0, c, d=tok;x=1.5")]
    [InlineData("sig=(\"a\";p \"b\");q=\"x\\\"y\"")]
    public void SerializeDictionary_RoundTripsCanonicalText(string text) =>
        Assert.Equal(text, StructuredFields.SerializeDictionary(StructuredFields.ParseDictionary(text)));

    [Fact]
    public void SerializeItem_RejectsNonAsciiString() =>
        Assert.Throws<ArgumentException>(() => StructuredFields.SerializeItem(new SfItem("naïve")));
}
