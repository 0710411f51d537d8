using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Protocol.Json;

namespace Liaison.Protocol.Tests.Json;

public class CanonicalJsonTests
{
    [Fact]
    public void Canonicalize_Rfc8785Section322Example_MatchesPublishedOutput()
    {
        // RFC 8785 §3.2.2: the worked example with numbers, escapes and literals.
        const string input = """
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """;

        var canonical = CanonicalJson.CanonicalizeToString(JsonNode.Parse(input));

        Assert.Equal(
            """{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}""",
            canonical);
    }

    [Fact]
    public void Canonicalize_SortsKeysByUtf16CodeUnits()
    {
        // RFC 8785 §3.2.3: the sorting example; the emoji's high surrogate (U+D83D) sorts before U+FB33.
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        using var document = JsonDocument.Parse(CanonicalJson.Canonicalize(JsonNode.Parse(input)));
        var values = document.RootElement.EnumerateObject().Select(p => p.Value.GetString()!).ToArray();

        Assert.Equal(
            [
                "Carriage Return",
                "One",
                "Control",
                "Latin Small Letter O With Diaeresis",
                "Euro Sign",
                "Emoji: Grinning Face",
                "Hebrew Letter Dalet With Dagesh",
            ],
            values);
    }

    [Theory]
    [InlineData("1e30", "1e+30")]
    [InlineData("1E30", "1e+30")]
    [InlineData("4.50", "4.5")]
    [InlineData("2e-3", "0.002")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("1e-7", "1e-7")]
    [InlineData("333333333.33333329", "333333333.3333333")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("100", "100")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("1e21", "1e+21")]
    [InlineData("123e-20", "1.23e-18")]
    [InlineData("-1.5e-7", "-1.5e-7")]
    [InlineData("0.1", "0.1")]
    [InlineData("12345.678", "12345.678")]
    public void Canonicalize_FormatsNumbersLikeEcmaScript(string json, string expected)
    {
        Assert.Equal(expected, CanonicalJson.CanonicalizeToString(JsonNode.Parse(json)));
    }

    [Theory]
    [InlineData(0x0000000000000000L, "0")]
    [InlineData(unchecked((long)0x8000000000000000UL), "0")]
    [InlineData(0x0000000000000001L, "5e-324")]
    [InlineData(unchecked((long)0x8000000000000001UL), "-5e-324")]
    [InlineData(0x7fefffffffffffffL, "1.7976931348623157e+308")]
    [InlineData(unchecked((long)0xffefffffffffffffUL), "-1.7976931348623157e+308")]
    [InlineData(0x4340000000000000L, "9007199254740992")]
    [InlineData(unchecked((long)0xc340000000000000UL), "-9007199254740992")]
    [InlineData(0x4430000000000000L, "295147905179352830000")]
    [InlineData(0x44b52d02c7e14af5L, "9.999999999999997e+22")]
    [InlineData(0x44b52d02c7e14af6L, "1e+23")]
    [InlineData(0x44b52d02c7e14af7L, "1.0000000000000001e+23")]
    [InlineData(0x444b1ae4d6e2ef4eL, "999999999999999700000")]
    [InlineData(0x444b1ae4d6e2ef4fL, "999999999999999900000")]
    [InlineData(0x444b1ae4d6e2ef50L, "1e+21")]
    [InlineData(0x3eb0c6f7a0b5ed8cL, "9.999999999999997e-7")]
    [InlineData(0x3eb0c6f7a0b5ed8dL, "0.000001")]
    [InlineData(0x41b3de4355555553L, "333333333.3333332")]
    [InlineData(0x41b3de4355555554L, "333333333.33333325")]
    [InlineData(0x41b3de4355555555L, "333333333.3333333")]
    [InlineData(0x41b3de4355555556L, "333333333.3333334")]
    [InlineData(0x41b3de4355555557L, "333333333.33333343")]
    [InlineData(unchecked((long)0xbecbf647612f3696UL), "-0.0000033333333333333333")]
    [InlineData(0x43143ff3c1cb0959L, "1424953923781206.2")]
    public void Canonicalize_Rfc8785AppendixBNumbers_MatchPublishedOutput(long ieee754Bits, string expected)
    {
        var value = JsonValue.Create(BitConverter.Int64BitsToDouble(ieee754Bits));

        Assert.Equal(expected, CanonicalJson.CanonicalizeToString(value));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Canonicalize_NonFiniteNumber_IsRejected(double value)
    {
        Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize(new JsonArray(JsonValue.Create(value))));
    }

    [Fact]
    public void Canonicalize_NumberOutsideDoubleRange_IsRejected()
    {
        using var document = JsonDocument.Parse("[1e400]");

        Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize(document.RootElement));
    }

    [Fact]
    public void Canonicalize_DuplicatePropertyNames_AreRejected()
    {
        using var document = JsonDocument.Parse("""{"a":1,"b":2,"a":3}""");

        var error = Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize(document.RootElement));
        Assert.Contains("\"a\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Canonicalize_LoneSurrogate_IsRejected()
    {
        using var document = JsonDocument.Parse("""["\udc00"]""");

        Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize(JsonValue.Create("\ud800")));
        Assert.Throws<FormatException>(() => CanonicalJson.CanonicalizeToString(new JsonObject { ["x\ud800"] = 1 }));
        Assert.Throws<FormatException>(() => CanonicalJson.Canonicalize(document.RootElement));
    }

    [Fact]
    public void Canonicalize_EscapesOnlyMandatoryCharacters_WithLowercaseHex()
    {
        var value = JsonValue.Create("\u0000\u0001\u001f\b\t\n\f\r\"\\/\u007f\u2028<>&é😀");

        Assert.Equal(
            "\"\\u0000\\u0001\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\u007f\u2028<>&é😀\"",
            CanonicalJson.CanonicalizeToString(value));
    }

    [Fact]
    public void Canonicalize_SortsNestedObjects_AndKeepsArrayOrder()
    {
        var node = JsonNode.Parse("""{ "b": [3, {"z": 1, "y": 2}, 1], "a": { "d": true, "c": null } }""");

        Assert.Equal("""{"a":{"c":null,"d":true},"b":[3,{"y":2,"z":1},1]}""", CanonicalJson.CanonicalizeToString(node));
    }

    [Fact]
    public void Canonicalize_ReturnsUtf8WithoutByteOrderMark()
    {
        var bytes = CanonicalJson.Canonicalize(new JsonObject { ["k"] = "€" });

        Assert.Equal(Encoding.UTF8.GetBytes("{\"k\":\"€\"}"), bytes);
    }

    [Fact]
    public void Canonicalize_NodeBuiltInCode_MatchesSameJsonParsedFromText()
    {
        var built = new JsonObject
        {
            ["int"] = 42,
            ["decimal"] = 4.50m,
            ["long"] = 9007199254740992L,
            ["text"] = "x",
            ["nothing"] = null,
            ["flag"] = false,
        };
        using var parsed = JsonDocument.Parse("""{"text":"x","long":9007199254740992,"int":42.0,"decimal":4.5,"flag":false,"nothing":null}""");

        Assert.Equal(CanonicalJson.CanonicalizeToString(parsed.RootElement), CanonicalJson.CanonicalizeToString(built));
    }

    [Fact]
    public void Canonicalize_NullNode_IsJsonNull()
    {
        Assert.Equal("null", CanonicalJson.CanonicalizeToString((JsonNode?)null));
    }
}
