using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Protocol.Tests.Http;

/// <summary>Response signatures that cover the request they answer with <c>;req</c> (RFC 9421 §2.4).</summary>
public sealed class RequestBindingTests : IDisposable
{
    private static readonly string[] BoundResponse =
    [
        "@status", "content-digest", "content-type",
        SignatureBase.FromRequest("@method"), SignatureBase.FromRequest("@target-uri"), SignatureBase.FromRequest("content-digest"),
    ];

    private static readonly VerificationPolicy BoundPolicy = VerificationPolicy.ForResponses with
    {
        RequiredComponents = [.. VerificationPolicy.ForResponses.RequiredComponents, "@method;req", "@target-uri;req", "content-digest;req"],
    };

    private readonly NodeKey _key = NodeKey.Generate();
    private readonly FakeTimeProvider _time = new(SigningFixture.Now);
    private readonly NonceCache _nonces;

    public RequestBindingTests() => _nonces = new NonceCache(_time, TimeSpan.FromMinutes(10));

    public void Dispose() => _key.Dispose();

    private static SignedMessage Answer(SignedMessage request) =>
        SigningFixture.Response() with { RelatedRequest = request };

    private SignatureVerificationResult Verify(SignedMessage response, VerificationPolicy? policy = null) =>
        HttpMessageSignatures.Verify(
            response, null, id => id == SigningFixture.KeyId ? _key.PublicKey : null, _time, policy ?? BoundPolicy, _nonces);

    [Fact]
    public void SignatureBase_SerialisesTheReqFlag_AsInSection24()
    {
        // RFC 9421 §2.4: the example answer to the Appendix B.2 request, without its "signature";req;key="sig1" line.
        var request = SignedMessage.Request("POST", new Uri("https://example.com/foo?param=Value&Pet=dog"), []);
        var response = SignedMessage.Response(
            503,
            new HttpFieldCollection
            {
                { "Content-Type", "application/json" },
                { "Content-Digest", "sha-512=:0Y6iCBzGg5rZtoXS95Ijz03mslf6KAMCloESHObfwnHJDbkkWWQz6PhhU9kxsTbARtY2PTBOzq24uJFpHsMuAg==:" },
            },
            relatedRequest: request);

        var signatureBase = SignatureBase.Build(
            response,
            ["@status", "content-digest", "content-type", "@authority;req", "@method;req"],
            new SignatureParameters { Created = 1618884479, KeyId = "test-key-ecc-p256" });

        Assert.Equal(
            """
            "@status": 503
            "content-digest": sha-512=:0Y6iCBzGg5rZtoXS95Ijz03mslf6KAMCloESHObfwnHJDbkkWWQz6PhhU9kxsTbARtY2PTBOzq24uJFpHsMuAg==:
            "content-type": application/json
            "@authority";req: example.com
            "@method";req: POST
            "@signature-params": ("@status" "content-digest" "content-type" "@authority";req "@method";req);created=1618884479;keyid="test-key-ecc-p256"
            """.ReplaceLineEndings("\n"),
            signatureBase);
    }

    [Fact]
    public void BoundResponse_SignThenVerify_IsValid()
    {
        var response = Answer(SigningFixture.Request());

        var result = Verify(SigningFixture.WithSignature(response, SigningFixture.Sign(response, _key, BoundResponse)));

        Assert.True(result.IsValid, result.Detail);
        Assert.Contains("@target-uri;req", result.CoveredComponents);
    }

    [Theory]
    [InlineData("GET", "https://partner.example/taxii2/api/collections/c1/objects/")]
    [InlineData("POST", "https://partner.example/taxii2/api/collections/c2/objects/")]
    public void AnotherRequest_BreaksTheSignature(string method, string uri)
    {
        var response = Answer(SigningFixture.Request());
        var signature = SigningFixture.Sign(response, _key, BoundResponse);

        var replayedOnto = Answer(SigningFixture.Request(method: method, uri: uri));

        Assert.Equal(SignatureFailure.BadSignature, Verify(SigningFixture.WithSignature(replayedOnto, signature)).Failure);
    }

    [Fact]
    public void AnotherRequestBody_BreaksTheSignature()
    {
        var response = Answer(SigningFixture.Request());
        var signature = SigningFixture.Sign(response, _key, BoundResponse);

        var otherBundle = Answer(SigningFixture.Request(SigningFixture.Body("{\"type\":\"bundle\",\"id\":\"bundle--2\"}")));

        Assert.Equal(SignatureFailure.BadSignature, Verify(SigningFixture.WithSignature(otherBundle, signature)).Failure);
    }

    [Fact]
    public void RequestBodyNotMatchingItsDigest_IsDigestMismatch()
    {
        var request = SigningFixture.Request();
        var response = Answer(request);
        var signature = SigningFixture.Sign(response, _key, BoundResponse);

        var tampered = Answer(request with { Body = SigningFixture.Body("{\"type\":\"bundle\",\"id\":\"bundle--2\"}") });

        Assert.Equal(SignatureFailure.DigestMismatch, Verify(SigningFixture.WithSignature(tampered, signature)).Failure);
    }

    [Fact]
    public void Verify_WithoutTheRelatedRequest_IsMalformed()
    {
        var response = Answer(SigningFixture.Request());
        var received = SigningFixture.WithSignature(response, SigningFixture.Sign(response, _key, BoundResponse)) with { RelatedRequest = null };

        Assert.Equal(SignatureFailure.Malformed, Verify(received).Failure);
    }

    [Fact]
    public void PolicyRequiringReq_RefusesAResponseSignedAlone()
    {
        var response = Answer(SigningFixture.Request());

        var result = Verify(SigningFixture.WithSignature(response, SigningFixture.Sign(response, _key)));

        Assert.Equal(SignatureFailure.ComponentNotCovered, result.Failure);
    }

    [Fact]
    public void ReqOnARequest_CannotBeSigned()
    {
        var request = SigningFixture.Request();

        Assert.Throws<ArgumentException>(() => SigningFixture.Sign(request, _key, ["@method", "@target-uri;req"]));
    }

    [Fact]
    public void RequestComponentInAResponse_WithoutReq_CannotBeSigned()
    {
        var response = Answer(SigningFixture.Request());

        var error = Assert.Throws<ArgumentException>(() => SigningFixture.Sign(response, _key, ["@status", "@method"]));
        Assert.Contains(";req", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SameComponentFromResponseAndRequest_AreDistinctIdentifiers()
    {
        var response = Answer(SigningFixture.Request());

        var signatureBase = SignatureBase.Build(response, ["content-digest", "content-digest;req"], new SignatureParameters());

        Assert.Contains("\n\"content-digest\";req: sha-256=:", signatureBase, StringComparison.Ordinal);
        Assert.StartsWith("\"content-digest\": sha-512=:", signatureBase, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireAlgorithm_RefusesASignatureWithoutAlg()
    {
        var request = SigningFixture.Request();
        var parameters = new SignatureParameters { Created = SigningFixture.Now.ToUnixTimeSeconds(), KeyId = SigningFixture.KeyId, Nonce = "n" };
        var received = SigningFixture.WithSignature(request, HttpMessageSignatures.Sign(request, "sig1", SigningFixture.RequestComponents, parameters, _key));

        var result = HttpMessageSignatures.Verify(
            received, null, _ => _key.PublicKey, _time, VerificationPolicy.ForRequests with { RequireAlgorithm = true }, _nonces);

        Assert.Equal(SignatureFailure.ComponentNotCovered, result.Failure);
    }
}
