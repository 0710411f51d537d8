using Microsoft.Extensions.Time.Testing;
using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;

namespace Liaison.Protocol.Tests.Http;

public sealed class HttpMessageSignaturesTests : IDisposable
{
    private readonly NodeKey _key = NodeKey.Generate();
    private readonly FakeTimeProvider _time = new(SigningFixture.Now);
    private readonly NonceCache _nonces;

    public HttpMessageSignaturesTests() => _nonces = new NonceCache(_time, TimeSpan.FromMinutes(10));

    public void Dispose() => _key.Dispose();

    private SignatureVerificationResult Verify(SignedMessage message, VerificationPolicy? policy = null, string? label = null) =>
        HttpMessageSignatures.Verify(
            message, label, id => id == SigningFixture.KeyId ? _key.PublicKey : null,
            _time, policy ?? (message.IsRequest ? VerificationPolicy.ForRequests : VerificationPolicy.ForResponses), _nonces);

    private static SignedMessage WithRawSignature(SignedMessage message, string input, string signature)
    {
        var headers = new HttpFieldCollection();
        foreach (var line in message.Headers)
        {
            headers.Add(line);
        }

        headers.Add("Signature-Input", input);
        headers.Add("Signature", signature);
        return SignedMessage.Request(message.Method!, message.TargetUri!, headers, message.Body);
    }

    [Fact]
    public void Request_SignThenVerify_IsValid()
    {
        var request = SigningFixture.Request();
        var signature = SigningFixture.Sign(request, _key);

        var result = Verify(SigningFixture.WithSignature(request, signature));

        Assert.True(result.IsValid, result.Detail);
        Assert.Equal(SignatureFailure.None, result.Failure);
        Assert.Equal("sig1", result.Label);
        Assert.Equal(SigningFixture.KeyId, result.KeyId);
        Assert.Equal(SigningFixture.Now, result.Created);
        Assert.Contains(";alg=\"ed25519\"", signature.SignatureInput, StringComparison.Ordinal);
    }

    [Fact]
    public void Response_SignThenVerify_IsValid()
    {
        var response = SigningFixture.Response();

        var result = Verify(SigningFixture.WithSignature(response, SigningFixture.Sign(response, _key)));

        Assert.True(result.IsValid, result.Detail);
    }

    [Fact]
    public void Verify_PicksTheNamedLabelAmongSeveral()
    {
        var request = SigningFixture.Request();
        var first = HttpMessageSignatures.Sign(request, "first", SigningFixture.RequestComponents, SigningFixture.Now, "n1", SigningFixture.KeyId, _key);
        var second = HttpMessageSignatures.Sign(request, "second", SigningFixture.RequestComponents, SigningFixture.Now, "n2", SigningFixture.KeyId, _key);
        var received = SigningFixture.WithSignature(SigningFixture.WithSignature(request, first), second);

        Assert.True(Verify(received, label: "second").IsValid);
        Assert.Equal(SignatureFailure.Malformed, Verify(received).Failure);
        Assert.Equal(SignatureFailure.Missing, Verify(received, label: "third").Failure);
    }

    [Fact]
    public void TamperedBody_WithContentDigestCovered_IsDigestMismatch()
    {
        var request = SigningFixture.Request();
        var received = SigningFixture.WithSignature(request, SigningFixture.Sign(request, _key), SigningFixture.Body("{\"type\":\"bundle\",\"id\":\"bundle--2\"}"));

        Assert.Equal(SignatureFailure.DigestMismatch, Verify(received).Failure);
    }

    [Fact]
    public void ReplacedContentDigest_IsBadSignature()
    {
        var request = SigningFixture.Request();
        var received = SigningFixture.WithSignature(request, SigningFixture.Sign(request, _key));
        var forged = SigningFixture.Body("{\"forged\":true}");
        received.Headers.Set("Content-Digest", ContentDigest.Compute(forged));

        Assert.Equal(SignatureFailure.BadSignature, Verify(received with { Body = forged }).Failure);
    }

    [Fact]
    public void ChangedMethod_IsBadSignature()
    {
        var signature = SigningFixture.Sign(SigningFixture.Request(), _key);

        var result = Verify(SigningFixture.WithSignature(SigningFixture.Request(method: "PUT"), signature));

        Assert.Equal(SignatureFailure.BadSignature, result.Failure);
    }

    [Fact]
    public void ChangedTargetUri_IsBadSignature()
    {
        var signature = SigningFixture.Sign(SigningFixture.Request(), _key);

        var result = Verify(SigningFixture.WithSignature(SigningFixture.Request(uri: "https://partner.example/taxii2/api/collections/c2/objects/"), signature));

        Assert.Equal(SignatureFailure.BadSignature, result.Failure);
    }

    [Fact]
    public void RemovedCoveredHeader_IsBadSignature()
    {
        var request = SigningFixture.Request();
        var received = SigningFixture.WithSignature(request, SigningFixture.Sign(request, _key, ["@method", "@target-uri", "content-digest", "content-type"]));
        received.Headers.Remove("content-type");

        Assert.Equal(SignatureFailure.BadSignature, Verify(received).Failure);
    }

    [Fact]
    public void Created301SecondsAgo_IsExpired()
    {
        var request = SigningFixture.Request();
        var received = SigningFixture.WithSignature(request, SigningFixture.Sign(request, _key, created: SigningFixture.Now.AddSeconds(-301)));

        Assert.Equal(SignatureFailure.Expired, Verify(received).Failure);
    }

    [Fact]
    public void Created300SecondsAgo_IsStillValid()
    {
        var request = SigningFixture.Request();
        var received = SigningFixture.WithSignature(request, SigningFixture.Sign(request, _key, created: SigningFixture.Now.AddSeconds(-300)));

        Assert.True(Verify(received).IsValid);
    }

    [Fact]
    public void CreatedBeyondTheWindowInTheFuture_IsNotYetValid()
    {
        var request = SigningFixture.Request();
        var received = SigningFixture.WithSignature(request, SigningFixture.Sign(request, _key, created: SigningFixture.Now.AddSeconds(301)));

        Assert.Equal(SignatureFailure.NotYetValid, Verify(received).Failure);
    }

    [Fact]
    public void ExpiresInThePast_IsExpired()
    {
        var request = SigningFixture.Request();
        var parameters = new SignatureParameters
        {
            Created = SigningFixture.Now.AddSeconds(-20).ToUnixTimeSeconds(),
            Expires = SigningFixture.Now.AddSeconds(-10).ToUnixTimeSeconds(),
            KeyId = SigningFixture.KeyId,
            Nonce = "n",
        };
        var received = SigningFixture.WithSignature(request, HttpMessageSignatures.Sign(request, "sig1", SigningFixture.RequestComponents, parameters, _key));

        Assert.Equal(SignatureFailure.Expired, Verify(received).Failure);
    }

    [Fact]
    public void UnknownKeyId_IsUnknownKey()
    {
        var request = SigningFixture.Request();
        var signature = HttpMessageSignatures.Sign(request, "sig1", SigningFixture.RequestComponents, SigningFixture.Now, "n", "stranger", _key);

        Assert.Equal(SignatureFailure.UnknownKey, Verify(SigningFixture.WithSignature(request, signature)).Failure);
    }

    [Fact]
    public void SignedByAnotherKeyUnderAPinnedId_IsBadSignature()
    {
        using var impostor = NodeKey.Generate();
        var request = SigningFixture.Request();

        Assert.Equal(SignatureFailure.BadSignature, Verify(SigningFixture.WithSignature(request, SigningFixture.Sign(request, impostor))).Failure);
    }

    [Fact]
    public void MissingNonce_IsComponentNotCovered()
    {
        var request = SigningFixture.Request();
        var parameters = new SignatureParameters { Created = SigningFixture.Now.ToUnixTimeSeconds(), KeyId = SigningFixture.KeyId, Alg = "ed25519" };
        var received = SigningFixture.WithSignature(request, HttpMessageSignatures.Sign(request, "sig1", SigningFixture.RequestComponents, parameters, _key));

        var result = Verify(received);

        Assert.Equal(SignatureFailure.ComponentNotCovered, result.Failure);
        Assert.Contains("nonce", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingCreated_IsComponentNotCovered()
    {
        var request = SigningFixture.Request();
        var parameters = new SignatureParameters { KeyId = SigningFixture.KeyId, Nonce = "n" };
        var received = SigningFixture.WithSignature(request, HttpMessageSignatures.Sign(request, "sig1", SigningFixture.RequestComponents, parameters, _key));

        Assert.Equal(SignatureFailure.ComponentNotCovered, Verify(received).Failure);
    }

    [Fact]
    public void ContentDigestNotCovered_IsComponentNotCovered()
    {
        var request = SigningFixture.Request();
        var received = SigningFixture.WithSignature(request, SigningFixture.Sign(request, _key, ["@method", "@target-uri"]));

        var result = Verify(received);

        Assert.Equal(SignatureFailure.ComponentNotCovered, result.Failure);
        Assert.Contains("content-digest", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplayedNonce_IsReplayedNonce()
    {
        var request = SigningFixture.Request();
        var received = SigningFixture.WithSignature(request, SigningFixture.Sign(request, _key));

        Assert.True(Verify(received).IsValid);
        _time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(SignatureFailure.ReplayedNonce, Verify(received).Failure);
    }

    [Fact]
    public void ReplayAfterTheWindow_IsExpiredNotReplayed()
    {
        var request = SigningFixture.Request();
        var received = SigningFixture.WithSignature(request, SigningFixture.Sign(request, _key));

        Assert.True(Verify(received).IsValid);
        _time.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(SignatureFailure.Expired, Verify(received).Failure);
    }

    [Fact]
    public void FailedSignature_DoesNotConsumeTheNonce()
    {
        var request = SigningFixture.Request();
        var signature = SigningFixture.Sign(request, _key, nonce: "once");
        var tampered = SigningFixture.WithSignature(SigningFixture.Request(method: "PUT"), signature);

        Assert.Equal(SignatureFailure.BadSignature, Verify(tampered).Failure);
        Assert.True(Verify(SigningFixture.WithSignature(request, signature)).IsValid);
    }

    [Fact]
    public void WrongAlg_IsUnsupportedAlgorithm()
    {
        var request = SigningFixture.Request();
        var parameters = new SignatureParameters { Created = SigningFixture.Now.ToUnixTimeSeconds(), KeyId = SigningFixture.KeyId, Nonce = "n", Alg = "hmac-sha256" };
        var received = SigningFixture.WithSignature(request, HttpMessageSignatures.Sign(request, "sig1", SigningFixture.RequestComponents, parameters, _key));

        Assert.Equal(SignatureFailure.UnsupportedAlgorithm, Verify(received).Failure);
    }

    [Fact]
    public void AbsentAlg_WithAnEd25519Key_IsValid()
    {
        var request = SigningFixture.Request();
        var parameters = new SignatureParameters { Created = SigningFixture.Now.ToUnixTimeSeconds(), KeyId = SigningFixture.KeyId, Nonce = "n" };
        var received = SigningFixture.WithSignature(request, HttpMessageSignatures.Sign(request, "sig1", SigningFixture.RequestComponents, parameters, _key));

        Assert.True(Verify(received).IsValid);
    }

    [Fact]
    public void NoSignatureFields_IsMissing() =>
        Assert.Equal(SignatureFailure.Missing, Verify(SigningFixture.Request()).Failure);

    [Theory]
    [InlineData("sig1=(\"@method\"", "sig1=:AAAA:")]
    [InlineData("sig1=\"@method\"", "sig1=:AAAA:")]
    [InlineData("sig1=(\"@method\" \"@target-uri\" \"content-digest\");created=\"yesterday\";keyid=\"partner-a\";nonce=\"n\"", "sig1=:AAAA:")]
    [InlineData("sig1=(\"@method\" \"@target-uri\" \"content-digest\");created=1;keyid=\"partner-a\";nonce=\"n\"", "sig1=\"not bytes\"")]
    [InlineData("sig1=(\"@method\" \"@target-uri\" \"content-digest\");created=1;keyid=partner;nonce=\"n\"", "sig1=:AAAA:")]
    [InlineData("SIG1=()", "sig1=:AAAA:")]
    [InlineData("sig1=()", "sig1=:not base64!:")]
    [InlineData("sig1=(\"@method\" \"@target-uri\" \"content-digest\" \"x\nevil\")", "sig1=:AAAA:")]
    public void MalformedSignatureFields_AreMalformed(string input, string signature)
    {
        var result = Verify(WithRawSignature(SigningFixture.Request(), input, signature));

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
    }

    [Fact]
    public void UnsupportedComponentParameter_IsMalformed()
    {
        var created = SigningFixture.Now.ToUnixTimeSeconds();
        var input = $"sig1=(\"@method\" \"@target-uri\" \"content-digest\";sf);created={created};keyid=\"partner-a\";nonce=\"n\"";

        var result = Verify(WithRawSignature(SigningFixture.Request(), input, "sig1=:" + Convert.ToBase64String(new byte[64]) + ":"));

        Assert.Equal(SignatureFailure.Malformed, result.Failure);
    }

    [Fact]
    public void GarbageSignatureBytes_IsBadSignature()
    {
        var created = SigningFixture.Now.ToUnixTimeSeconds();
        var input = $"sig1=(\"@method\" \"@target-uri\" \"content-digest\");created={created};keyid=\"partner-a\";nonce=\"n\"";

        var result = Verify(WithRawSignature(SigningFixture.Request(), input, "sig1=:AAAA:"));

        Assert.Equal(SignatureFailure.BadSignature, result.Failure);
    }

    [Fact]
    public void RequestComponentInResponse_IsRefusedWhenSigning() =>
        Assert.Throws<ArgumentException>(() => SigningFixture.Sign(SigningFixture.Response(), _key, ["@method", "content-digest"]));
}
