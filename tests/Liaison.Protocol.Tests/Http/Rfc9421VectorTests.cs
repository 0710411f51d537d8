using Microsoft.Extensions.Time.Testing;
using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;

namespace Liaison.Protocol.Tests.Http;

/// <summary>RFC 9421 Appendix B.2.6 "Signing a Request Using ed25519", reproduced byte for byte.</summary>
public class Rfc9421VectorTests
{
    private const string ExpectedBase = """
        "date": Tue, 20 Apr 2021 02:07:55 GMT
        "@method": POST
        "@path": /foo
        "@authority": example.com
        "content-type": application/json
        "content-length": 18
        "@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"
        """;

    private const string ExpectedInput =
        "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" \"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";

    private const string ExpectedSignature =
        "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:";

    private static readonly string[] Covered = ["date", "@method", "@path", "@authority", "content-type", "content-length"];

    private static readonly SignatureParameters Parameters = new() { Created = 1618884473, KeyId = "test-key-ed25519" };

    // RFC 9421 Appendix B.2, the test request.
    private static SignedMessage TestRequest(HttpFieldCollection? extra = null)
    {
        var headers = new HttpFieldCollection
        {
            { "Host", "example.com" },
            { "Date", "Tue, 20 Apr 2021 02:07:55 GMT" },
            { "Content-Type", "application/json" },
            { "Content-Digest", "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:" },
            { "Content-Length", "18" },
        };
        foreach (var (name, value) in extra ?? [])
        {
            headers.Add(name, value);
        }

        return SignedMessage.Request("POST", new Uri("https://example.com/foo?param=Value&Pet=dog"), headers, SigningFixture.Body("{\"hello\": \"world\"}"));
    }

    [Fact]
    public void TestKey_PublicHalf_MatchesAppendixB14()
    {
        using var key = NodeKey.FromPkcs8Pem(SigningFixture.TestKeyPem);

        Assert.Equal(SigningFixture.TestPublicKeyRaw, key.PublicKey);
    }

    [Fact]
    public void SignatureBase_MatchesAppendixB26() =>
        Assert.Equal(ExpectedBase.ReplaceLineEndings("\n"), SignatureBase.Build(TestRequest(), Covered, Parameters));

    [Fact]
    public void Sign_ReproducesAppendixB26SignatureExactly()
    {
        using var key = NodeKey.FromPkcs8Pem(SigningFixture.TestKeyPem);

        var headers = HttpMessageSignatures.Sign(TestRequest(), "sig-b26", Covered, Parameters, key);

        Assert.Equal(ExpectedInput, headers.SignatureInput);
        Assert.Equal(ExpectedSignature, headers.Signature);
    }

    [Fact]
    public void Verify_AcceptsAppendixB26AsPublished()
    {
        var message = TestRequest(new() { { "Signature-Input", ExpectedInput }, { "Signature", ExpectedSignature } });
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1618884473 + 10));
        var policy = new VerificationPolicy { RequireNonce = false };

        var result = HttpMessageSignatures.Verify(
            message, "sig-b26", id => id == "test-key-ed25519" ? SigningFixture.TestPublicKeyRaw : null,
            time, policy, new NonceCache(time, TimeSpan.FromMinutes(10)));

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal("test-key-ed25519", result.KeyId);
        Assert.Equal(Covered, result.CoveredComponents);
    }

    [Fact]
    public void DerivedComponents_MatchRfc9421Section22Examples()
    {
        // RFC 9421 §2.2: POST /path?param=value HTTP/1.1, Host: www.example.com.
        var message = SignedMessage.Request("POST", new Uri("https://www.example.com/path?param=value"), []);
        string[] covered = ["@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query"];

        var lines = SignatureBase.Build(message, covered, new SignatureParameters()).Split('\n');

        Assert.Equal(
            [
                "\"@method\": POST",
                "\"@target-uri\": https://www.example.com/path?param=value",
                "\"@authority\": www.example.com",
                "\"@scheme\": https",
                "\"@request-target\": /path?param=value",
                "\"@path\": /path",
                "\"@query\": ?param=value",
                "\"@signature-params\": (\"@method\" \"@target-uri\" \"@authority\" \"@scheme\" \"@request-target\" \"@path\" \"@query\")",
            ],
            lines);
    }

    [Fact]
    public void Query_WhenAbsent_IsQuestionMark()
    {
        // RFC 9421 §2.2.7.
        var message = SignedMessage.Request("GET", new Uri("https://www.example.com/path"), []);

        Assert.StartsWith("\"@query\": ?\n", SignatureBase.Build(message, ["@query"], new SignatureParameters()), StringComparison.Ordinal);
    }

    [Fact]
    public void Status_IsThreeDigits()
    {
        var message = SignedMessage.Response(200, []);

        Assert.StartsWith("\"@status\": 200\n", SignatureBase.Build(message, ["@status"], new SignatureParameters()), StringComparison.Ordinal);
    }

    [Fact]
    public void FieldValues_AreTrimmedAndJoined()
    {
        // RFC 9421 §2.1: each line trimmed, lines joined with ", ".
        var message = SignedMessage.Request("GET", new Uri("https://example.com/"), new() { { "X-Multi", "  a " }, { "x-multi", "\tb" } });

        Assert.StartsWith("\"x-multi\": a, b\n", SignatureBase.Build(message, ["x-multi"], new SignatureParameters()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("@unknown")]
    [InlineData("X-Upper")]
    [InlineData("absent-field")]
    [InlineData("@status")]
    public void Build_UnusableComponent_Throws(string component)
    {
        var message = SignedMessage.Request("GET", new Uri("https://example.com/"), []);

        Assert.Throws<ArgumentException>(() => SignatureBase.Build(message, [component], new SignatureParameters()));
    }

    [Fact]
    public void Build_LineBreakInValue_IsRefused()
    {
        var message = SignedMessage.Request("GET", new Uri("https://example.com/"), new() { { "x-a", "1\n\"@method\": GET" } });

        Assert.Throws<ArgumentException>(() => SignatureBase.Build(message, ["x-a"], new SignatureParameters()));
    }
}
