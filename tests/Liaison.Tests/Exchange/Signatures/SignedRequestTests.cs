using System.Net;
using System.Text;
using System.Text.Json;
using Liaison.Exchange;
using Liaison.Exchange.Signatures;
using Liaison.Protocol.Http;
using Liaison.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange.Signatures;

/// <summary>The receiving side of RFC 9421 between nodes: what a node accepts, what it refuses, and how it answers.</summary>
public sealed class SignedRequestTests
{
    private static readonly byte[] SectorJson = Encoding.UTF8.GetBytes("""{"name":"Taftan","code":"TFT"}""");

    private static async Task<string> RejectedAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await Expect.ProblemAsync(response, status);
        Assert.False(response.Headers.Contains("Signature"), "a refusal is not signed");
        return problem.GetProperty("reason").GetString()!;
    }

    private static async Task AssertAuditedOnceAsync(SignedNode node, string reason, string status, string? keyId)
    {
        var rejection = Assert.Single(await node.RejectionsAsync());
        Assert.Equal(status, rejection.Outcome);
        Assert.Equal("127.0.0.1", rejection.Address);
        var details = JsonDocument.Parse(rejection.Details).RootElement;
        Assert.Equal(reason, details.GetProperty("reason").GetString());
        if (keyId is not null)
        {
            Assert.Equal(keyId, details.GetProperty("keyid").GetString());
            Assert.Equal($"partner:{keyId}", rejection.Actor);
        }
    }

    [Fact]
    public async Task SignedGet_FromPendingPartner_IsAccepted_AndTheAnswerIsSigned()
    {
        await using var node = await SignedNode.StartAsync();

        // A query with an escaped space: @target-uri must be rebuilt from the raw target, not Kestrel's decoded path.
        using var response = await node.SendAsync(node.Request(HttpMethod.Get, "/health/live?probe=a%20b"));

        await Expect.StatusAsync(HttpStatusCode.OK, response);
        await node.VerifyAnswerAsync(response);
        var input = string.Join(", ", response.Headers.GetValues("Signature-Input"));
        Assert.Contains("\"@status\" \"content-digest\" \"content-type\" \"@method\";req \"@target-uri\";req)", input, StringComparison.Ordinal);
        Assert.Contains($"keyid=\"{node.NodeKey.Fingerprint}\"", input, StringComparison.Ordinal);
        Assert.Equal(TestNode.Start.UtcDateTime, (await node.PartnerAsync()).LastContactAt);
        Assert.Empty(await node.RejectionsAsync());
    }

    [Theory]
    [InlineData("/api/node")]
    [InlineData("/api/incidents")]
    [InlineData("/api/account/tokens")]
    public async Task PartnerSignature_DoesNotOpenTheUserApi(string path)
    {
        await using var node = await SignedNode.StartAsync(PartnerState.Trusted);

        using var response = await node.SendAsync(node.Request(HttpMethod.Get, path));

        await Expect.ProblemAsync(response, HttpStatusCode.Forbidden);
        await node.VerifyAnswerAsync(response);
    }

    [Fact]
    public async Task SignedPost_AnswerCoversTheRequestDigest()
    {
        await using var node = await SignedNode.StartAsync(PartnerState.Trusted);

        // A partner is not an administrator: the signature passes, authorisation refuses, and the refusal is signed.
        using var response = await node.SendAsync(node.Request(HttpMethod.Post, "/api/sectors", SectorJson));

        var problem = await Expect.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("Not allowed for a partner node", problem.GetProperty("title").GetString());
        await node.VerifyAnswerAsync(response);
        Assert.Contains("\"content-digest\";req", string.Join(", ", response.Headers.GetValues("Signature-Input")), StringComparison.Ordinal);
        Assert.Empty(await node.RejectionsAsync());
    }

    [Fact]
    public async Task GarbageSignatureInput_Is401Unsigned_AndAudited()
    {
        await using var node = await SignedNode.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.Node.Address, "/api/node"));
        request.Headers.TryAddWithoutValidation("Signature-Input", "garbage");

        using var response = await node.SendAsync(request);

        Assert.Equal("unsigned", await RejectedAsync(response, HttpStatusCode.Unauthorized));
        Assert.StartsWith("Signature", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        await AssertAuditedOnceAsync(node, "unsigned", "401", keyId: null);
    }

    [Fact]
    public async Task TamperedBody_Is401BadDigest()
    {
        await using var node = await SignedNode.StartAsync();
        using var request = node.Request(HttpMethod.Post, "/api/sectors", SectorJson);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name":"Mirjaveh","code":"MJV"}"""));

        using var response = await node.SendAsync(request);

        Assert.Equal("bad-digest", await RejectedAsync(response, HttpStatusCode.Unauthorized));
        await AssertAuditedOnceAsync(node, "bad-digest", "401", node.PartnerKey.Fingerprint);
    }

    [Fact]
    public async Task TamperedSignature_Is401BadSignature()
    {
        await using var node = await SignedNode.StartAsync();
        using var request = node.Request(HttpMethod.Get, "/health/live");
        var signature = request.Headers.GetValues("Signature").Single();
        var bytes = Convert.FromBase64String(signature["sig1=:".Length..^1]);
        bytes[0] ^= 0x01;
        request.Headers.Remove("Signature");
        request.Headers.TryAddWithoutValidation("Signature", $"sig1=:{Convert.ToBase64String(bytes)}:");

        using var response = await node.SendAsync(request);

        Assert.Equal("bad-signature", await RejectedAsync(response, HttpStatusCode.Unauthorized));
        await AssertAuditedOnceAsync(node, "bad-signature", "401", node.PartnerKey.Fingerprint);
    }

    [Fact]
    public async Task SignatureOlderThan300Seconds_Is401Expired()
    {
        await using var node = await SignedNode.StartAsync();
        using var request = node.Request(HttpMethod.Get, "/health/live");
        node.Node.Time.Advance(TimeSpan.FromSeconds(301));

        using var response = await node.SendAsync(request);

        Assert.Equal("expired", await RejectedAsync(response, HttpStatusCode.Unauthorized));
        await AssertAuditedOnceAsync(node, "expired", "401", node.PartnerKey.Fingerprint);
        Assert.Null((await node.PartnerAsync()).LastContactAt);
    }

    [Fact]
    public async Task ReplayedNonce_Is401Replayed()
    {
        await using var node = await SignedNode.StartAsync();
        var created = node.Node.Time.GetUtcNow();
        using var first = node.Request(HttpMethod.Get, "/health/live", created: created, nonce: "the-same-nonce");
        using var again = node.Request(HttpMethod.Get, "/health/live", created: created, nonce: "the-same-nonce");
        Assert.Equal(first.Headers.GetValues("Signature").Single(), again.Headers.GetValues("Signature").Single());

        using var accepted = await node.SendAsync(first);
        using var replayed = await node.SendAsync(again);

        await Expect.StatusAsync(HttpStatusCode.OK, accepted);
        Assert.Equal("replayed", await RejectedAsync(replayed, HttpStatusCode.Unauthorized));
        await AssertAuditedOnceAsync(node, "replayed", "401", node.PartnerKey.Fingerprint);
    }

    [Fact]
    public async Task UnknownKey_Is401UnknownKey()
    {
        await using var node = await SignedNode.StartAsync();
        using var stranger = Protocol.Signing.NodeKey.Generate();

        using var response = await node.SendAsync(node.Request(HttpMethod.Get, "/health/live", key: stranger));

        Assert.Equal("unknown-key", await RejectedAsync(response, HttpStatusCode.Unauthorized));
        await AssertAuditedOnceAsync(node, "unknown-key", "401", stranger.Fingerprint);
    }

    [Fact]
    public async Task SuspendedPartner_Is403Suspended()
    {
        await using var node = await SignedNode.StartAsync(PartnerState.Suspended);

        using var response = await node.SendAsync(node.Request(HttpMethod.Get, "/health/live"));

        Assert.Equal("suspended", await RejectedAsync(response, HttpStatusCode.Forbidden));
        await AssertAuditedOnceAsync(node, "suspended", "403", node.PartnerKey.Fingerprint);
        Assert.Null((await node.PartnerAsync()).LastContactAt);
    }

    [Fact]
    public async Task RejectedPost_WritesNothing()
    {
        await using var node = await SignedNode.StartAsync();
        var before = (await node.AuditAsync()).Count;

        // A valid call here would make the pending partner trusted; a tampered one must change nothing.
        using var request = node.Request(HttpMethod.Post, "/exchange/pair", Encoding.UTF8.GetBytes("{}"));
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{ }"));
        using var response = await node.SendAsync(request);

        Assert.Equal("bad-digest", await RejectedAsync(response, HttpStatusCode.Unauthorized));
        var partner = await node.PartnerAsync();
        Assert.Equal(PartnerState.Pending, partner.State);
        Assert.Null(partner.LastContactAt);
        var written = (await node.AuditAsync()).Skip(before).ToList();
        Assert.Equal(SignatureMiddleware.RejectedAction, Assert.Single(written).Action);
    }

    [Fact]
    public async Task OversizedSignedBody_Is413_BeforeVerification()
    {
        await using var node = await SignedNode.StartAsync();
        var body = new byte[SignatureProfile.MaxRequestBodyBytes + 1];

        using var response = await node.SendAsync(node.Request(HttpMethod.Post, "/api/sectors", body));

        Assert.Equal("too-large", await RejectedAsync(response, HttpStatusCode.RequestEntityTooLarge));
        await AssertAuditedOnceAsync(node, "too-large", "413", keyId: null);
    }

    [Fact]
    public async Task UnsignedRequests_AreLeftToTheOtherSchemes_AndNotSigned()
    {
        await using var node = await SignedNode.StartAsync();

        using var api = await node.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(node.Node.Address, "/api/node")));
        using var health = await node.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(node.Node.Address, "/health/live")));

        await Expect.StatusAsync(HttpStatusCode.Unauthorized, api);
        await Expect.StatusAsync(HttpStatusCode.OK, health);
        Assert.False(api.Headers.Contains("Signature"));
        Assert.False(health.Headers.Contains("Signature"));
        Assert.Empty(await node.RejectionsAsync());
    }

    [Fact]
    public async Task OptedInAnswer_ToAnUnsignedRequest_IsSigned()
    {
        await using var node = await SignedNode.StartAsync();
        using var client = node.Node.Services.GetRequiredService<IPartnerClients>().ForPairing(node.Node.Address, allowInsecureHttp: false);

        using var response = await client.GetAsync(new Uri("exchange/node", UriKind.Relative));

        await Expect.StatusAsync(HttpStatusCode.OK, response);
        Assert.False(response.RequestMessage!.Headers.Contains("Signature"), "a pairing GET goes unsigned: the node cannot know the key yet");
        await node.VerifyAnswerAsync(response);
        Assert.Equal(ContentDigest.Compute(await response.Content.ReadAsByteArrayAsync()), response.Headers.GetValues("Content-Digest").Single());
    }
}
