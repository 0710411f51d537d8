using System.Net;
using System.Text;
using Liaison.Exchange;
using Liaison.Exchange.Signatures;
using Liaison.Features.Parties;
using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;
using Liaison.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Tests.Exchange.Signatures;

/// <summary>The sending side: <see cref="IPartnerClients.For"/> signs every attempt and trusts only answers signed by the pinned key.</summary>
public sealed class PartnerClientsTests
{
    private static readonly Uri FakeAddress = new("http://127.0.0.1:9/");

    /// <summary>The partner clients of another node, holding <paramref name="key"/>; optionally over a test transport.</summary>
    private static ServiceProvider ClientServices(NodeKey key, TimeProvider time, Func<HttpMessageHandler>? transport = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton(key);
        services.AddPartnerClients();
        if (transport is not null)
        {
            services.AddHttpClient(PartnerClients.ClientName).ConfigurePrimaryHttpMessageHandler(transport);
        }

        return services.BuildServiceProvider();
    }

    /// <summary>A node as the partner row on the other side pins it.</summary>
    private static Partner Pinned(Uri address, NodeKey key, TimeProvider time) =>
        new(new Party($"identity--{Guid.NewGuid()}", "Pinned desk (test)", "PK", isSelf: false, time.GetUtcNow().UtcDateTime),
            address, key.PublicKey, key.Fingerprint, null, false, time.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task For_SignsRequests_AndKeepsTheAnswersSignatureReadable()
    {
        await using var node = await SignedNode.StartAsync(PartnerState.Trusted);
        await using var services = ClientServices(node.PartnerKey, node.Node.Time);
        var client = services.GetRequiredService<IPartnerClients>().For(Pinned(node.Node.Address, node.NodeKey, node.Node.Time));

        using var get = await client.GetAsync(new Uri("health/live", UriKind.Relative));
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("api/sectors", UriKind.Relative))
        {
            Content = new StringContent("""{"name":"Taftan","code":"TFT"}""", Encoding.UTF8, "application/json"),
        };
        using var forbidden = await client.SendAsync(post);

        await Expect.StatusAsync(HttpStatusCode.OK, get);
        await Expect.StatusAsync(HttpStatusCode.Forbidden, forbidden);
        foreach (var answer in new[] { get, forbidden })
        {
            Assert.True(answer.Headers.Contains("Signature"));
            Assert.True(answer.Headers.Contains("Signature-Input"));
            Assert.True(answer.Headers.Contains("Content-Digest"));
        }

        // The relay keeps the request's digest beside the answer as the delivery receipt.
        Assert.Equal(ContentDigest.Compute(Encoding.UTF8.GetBytes("""{"name":"Taftan","code":"TFT"}""")), post.Headers.GetValues("Content-Digest").Single());
        Assert.Contains("\"content-digest\";req", forbidden.Headers.GetValues("Signature-Input").Single(), StringComparison.Ordinal);
        Assert.Empty(await node.RejectionsAsync());
    }

    [Fact]
    public async Task For_RetryAfter503_IsSignedAfresh_AndAccepted()
    {
        await using var node = await SignedNode.StartAsync(PartnerState.Trusted);
        var flaky = new FailFirstAttempt();
        await using var services = ClientServices(node.PartnerKey, node.Node.Time, () => flaky);
        var client = services.GetRequiredService<IPartnerClients>().For(Pinned(node.Node.Address, node.NodeKey, node.Node.Time));

        using var response = await client.GetAsync(new Uri("health/live", UriKind.Relative));

        await Expect.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(2, flaky.SignatureInputs.Count);
        var nonces = flaky.SignatureInputs.Select(input => input[(input.IndexOf("nonce=\"", StringComparison.Ordinal) + 7)..].Split('"')[0]).ToList();
        Assert.NotEqual(nonces[0], nonces[1]);
        Assert.Empty(await node.RejectionsAsync());
    }

    [Fact]
    public async Task For_AnswerSignedByAnotherKey_Throws()
    {
        await using var node = await SignedNode.StartAsync(PartnerState.Trusted);
        await using var services = ClientServices(node.PartnerKey, node.Node.Time);
        using var impostor = NodeKey.Generate();
        var client = services.GetRequiredService<IPartnerClients>().For(Pinned(node.Node.Address, impostor, node.Node.Time));

        var error = await Assert.ThrowsAsync<PartnerSignatureException>(() => client.GetAsync(new Uri("health/live", UriKind.Relative)));

        Assert.Contains(nameof(SignatureFailure.UnknownKey), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FakePartner.Answer.WithoutSignature, nameof(SignatureFailure.Missing))]
    [InlineData(FakePartner.Answer.Stale, nameof(SignatureFailure.Expired))]
    [InlineData(FakePartner.Answer.ForAnotherRequest, nameof(SignatureFailure.BadSignature))]
    [InlineData(FakePartner.Answer.BodyTampered, nameof(SignatureFailure.DigestMismatch))]
    [InlineData(FakePartner.Answer.Valid, null)]
    public async Task For_ChecksTheAnswer(FakePartner.Answer answer, string? failure)
    {
        var time = new FakeTimeProvider(TestNode.Start);
        using var ours = NodeKey.Generate();
        using var theirs = NodeKey.Generate();
        await using var services = ClientServices(ours, time, () => new FakePartner(theirs, time, answer));
        var client = services.GetRequiredService<IPartnerClients>().For(Pinned(FakeAddress, theirs, time));

        var send = () => client.PostAsync(new Uri("taxii2/objects/", UriKind.Relative), new ByteArrayContent("{}"u8.ToArray()));

        if (failure is null)
        {
            using var response = await send();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            var error = await Assert.ThrowsAsync<PartnerSignatureException>(send);
            Assert.Contains(failure, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task For_WillNotSignForAnotherHost()
    {
        var time = new FakeTimeProvider(TestNode.Start);
        using var ours = NodeKey.Generate();
        await using var services = ClientServices(ours, time);
        var client = services.GetRequiredService<IPartnerClients>().For(Pinned(FakeAddress, ours, time));

        await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetAsync(new Uri("http://127.0.0.2:9/api/node")));
    }

    [Fact]
    public async Task For_PlainHttpToARemoteHost_IsRefused()
    {
        var time = new FakeTimeProvider(TestNode.Start);
        using var ours = NodeKey.Generate();
        await using var services = ClientServices(ours, time);

        Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<IPartnerClients>().For(Pinned(new Uri("http://partner.example/"), ours, time)));
    }

    /// <summary>Answers the first attempt 503 (Retry-After: 0) without sending it; sends the rest to the node.</summary>
    private sealed class FailFirstAttempt() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<string> SignatureInputs { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            SignatureInputs.Add(request.Headers.GetValues("Signature-Input").Single());
            if (SignatureInputs.Count == 1)
            {
                var busy = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
                busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
                return Task.FromResult(busy);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>A partner node reduced to its answer: signed correctly, or wrong in one chosen way.</summary>
public sealed class FakePartner(NodeKey key, TimeProvider time, FakePartner.Answer answer) : HttpMessageHandler
{
    public enum Answer
    {
        Valid,
        WithoutSignature,
        Stale,
        ForAnotherRequest,
        BodyTampered,
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var requestBody = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var requestFields = new HttpFieldCollection();
        foreach (var value in request.Headers.GetValues("Content-Digest"))
        {
            requestFields.Add("Content-Digest", value);
        }

        var target = answer == Answer.ForAnotherRequest ? new Uri(request.RequestUri!, "/elsewhere") : request.RequestUri!;
        var related = SignedMessage.Request(request.Method.Method, target, requestFields, requestBody);

        var body = Encoding.UTF8.GetBytes("""{"id":"status--1","status":"complete"}""");
        var response = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = new ByteArrayContent(body) };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/taxii+json;version=2.1");
        response.Headers.TryAddWithoutValidation("Content-Digest", ContentDigest.Compute(body));
        if (answer != Answer.WithoutSignature)
        {
            var fields = new HttpFieldCollection
            {
                { "Content-Type", "application/taxii+json;version=2.1" },
                { "Content-Digest", ContentDigest.Compute(body) },
            };
            var created = answer == Answer.Stale ? time.GetUtcNow().AddSeconds(-301) : time.GetUtcNow();
            var signature = HttpMessageSignatures.Sign(
                SignedMessage.Response(200, fields, body, related), "sig1", SignatureProfile.ResponseComponents(true, true),
                created, HttpMessageSignatures.CreateNonce(), key.Fingerprint, key);
            response.Headers.TryAddWithoutValidation("Signature-Input", signature.SignatureInput);
            response.Headers.TryAddWithoutValidation("Signature", signature.Signature);
        }

        if (answer == Answer.BodyTampered)
        {
            response.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("""{"id":"status--1","status":"failure"}"""));
            response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/taxii+json;version=2.1");
        }

        return response;
    }
}
