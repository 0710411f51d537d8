using System.Net.Http.Headers;
using Liaison.Audit;
using Liaison.Exchange;
using Liaison.Exchange.Signatures;
using Liaison.Features.Parties;
using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange.Signatures;

/// <summary>
/// A real node with one partner pinned in its database, and the partner's key, so a test can send the node
/// requests signed exactly as it wants them (or tampered with) over plain HTTP on loopback.
/// </summary>
internal sealed class SignedNode : IAsyncDisposable
{
    private readonly HttpClient _http = new();

    private SignedNode(TestNode node, NodeKey partnerKey, int partnerId)
    {
        Node = node;
        PartnerKey = partnerKey;
        PartnerId = partnerId;
    }

    public TestNode Node { get; }

    /// <summary>The partner's signing key, whose public half the node pinned.</summary>
    public NodeKey PartnerKey { get; }

    public int PartnerId { get; }

    public NodeKey NodeKey => Node.Services.GetRequiredService<NodeKey>();

    public static async Task<SignedNode> StartAsync(PartnerState state = PartnerState.Pending)
    {
        var node = await TestNode.StartAsync();
        var key = NodeKey.Generate();
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var now = node.Time.GetUtcNow().UtcDateTime;
        var party = new Party($"identity--{Guid.NewGuid()}", "Partner desk (test)", "IR", isSelf: false, now);
        var partner = new Partner(party, new Uri("http://127.0.0.1:9/"), key.PublicKey, key.Fingerprint, null, false, now);
        if (state != PartnerState.Pending)
        {
            partner.Trust(now);
        }

        if (state == PartnerState.Suspended)
        {
            partner.Suspend();
        }

        db.Partners.Add(partner);
        await db.SaveChangesAsync();
        return new SignedNode(node, key, partner.Id);
    }

    /// <summary>A request signed as Liaison signs them; every part can be overridden to build a bad one.</summary>
    public HttpRequestMessage Request(
        HttpMethod method, string pathAndQuery, byte[]? body = null, NodeKey? key = null, DateTimeOffset? created = null, string? nonce = null)
    {
        var signer = key ?? PartnerKey;
        var uri = new Uri(Node.Address, pathAndQuery);
        var request = new HttpRequestMessage(method, uri);
        var fields = new HttpFieldCollection();
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            var digest = ContentDigest.Compute(body);
            request.Headers.TryAddWithoutValidation("Content-Digest", digest);
            fields.Add("Content-Digest", digest);
        }

        var message = SignedMessage.Request(method.Method, uri, fields, body);
        var signature = HttpMessageSignatures.Sign(
            message, "sig1", SignatureProfile.RequestComponents(body is not null),
            created ?? Node.Time.GetUtcNow(), nonce ?? HttpMessageSignatures.CreateNonce(), signer.Fingerprint, signer);
        request.Headers.TryAddWithoutValidation("Signature-Input", signature.SignatureInput);
        request.Headers.TryAddWithoutValidation("Signature", signature.Signature);
        request.Options.Set(PartnerClients.SignedRequestKey, message);
        return request;
    }

    /// <summary>Sends as is: no cookies, no retries, no signing.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => _http.SendAsync(request);

    /// <summary>Checks the node's answer against its key and the request it answers, as a partner would.</summary>
    public Task VerifyAnswerAsync(HttpResponseMessage response) =>
        Node.Services.GetRequiredService<IPartnerClients>().VerifyAnswerAsync(response, NodeKey.PublicKey);

    public async Task<List<AuditEntry>> AuditAsync(string? action = null)
    {
        using var scope = Node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        return await db.AuditEntries.AsNoTracking().Where(e => action == null || e.Action == action).OrderBy(e => e.Sequence).ToListAsync();
    }

    public Task<List<AuditEntry>> RejectionsAsync() => AuditAsync(SignatureMiddleware.RejectedAction);

    public async Task<Partner> PartnerAsync()
    {
        using var scope = Node.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Partners.AsNoTracking().SingleAsync(p => p.Id == PartnerId);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        PartnerKey.Dispose();
        await Node.DisposeAsync();
    }
}
