using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Audit;
using Liaison.Cli;
using Liaison.Exchange.Signatures;
using Liaison.Exchange.Tls;
using Liaison.Features.Parties;
using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Exchange.Pairing;

/// <summary>
/// <c>liaison pair</c>: pins a partner node after its administrator read this node's operator its key fingerprint
/// out of band (DESIGN §3). Everything the partner says is checked before anything is written: its self-description
/// must carry the key with that fingerprint and be signed by it, and over https the certificate seen on the
/// connection must be the one the signed description names. Then the partner is pinned (pending) and told; if it
/// had already pinned this node, both sides are now trusted.
/// </summary>
public sealed class PairPartner(LiaisonDbContext db, NodeKey key, TimeProvider time, IPartnerClients clients, AuditLog audit)
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public sealed record Request(string PartnerUrl, string PartnerFingerprint, bool AllowInsecureHttp);

    /// <summary>Runs the pairing, reporting one line per step; returns the partner's state here.</summary>
    /// <exception cref="CliException">Anything the operator must look at; nothing is written unless the message says so.</exception>
    public async Task<PartnerState> RunAsync(Request request, NodeDocument self, Func<string, Task> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(self);
        ArgumentNullException.ThrowIfNull(say);

        var check = PartnerUrl.Validate(request.PartnerUrl, request.AllowInsecureHttp);
        if (!check.IsValid)
        {
            throw new CliException(check.Error);
        }

        var url = check.Url;
        string expected;
        try
        {
            expected = NodeKey.NormalizeFingerprint(request.PartnerFingerprint);
        }
        catch (FormatException ex)
        {
            throw new CliException($"--partner-fingerprint: {ex.Message.TrimEnd('.')}");
        }

        if (expected == key.Fingerprint)
        {
            throw new CliException("--partner-fingerprint is this node's own key; give the fingerprint the partner's administrator read out");
        }

        await say($"contact   {url}");
        var (document, observedTls) = await FetchDocumentAsync(url, expected, cancellationToken);
        await say($"node      {document.PartyName} ({document.Country}) {document.PartyIdentity}");
        await say($"key       {document.KeyFingerprint} is the fingerprint given");
        await say("signature the node's self-description is signed by that key");

        string? tls = null;
        if (url.Scheme == Uri.UriSchemeHttps)
        {
            if (observedTls is null || document.TlsFingerprint is null
                || !string.Equals(observedTls, document.TlsFingerprint, StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException(
                    $"the TLS certificate {url.Host} presented ({observedTls ?? "none"}) is not the one its signed self-description names ({document.TlsFingerprint ?? "none"}): "
                    + "something between the two nodes may be intercepting; nothing was pinned");
            }

            tls = observedTls.ToLowerInvariant();
            await say($"tls       {tls} pinned");
        }
        else
        {
            await say("tls       none: plain http" + (request.AllowInsecureHttp ? $" ({PartnerUrl.InsecureHttpOption})" : " to loopback"));
        }

        var partner = await PinAsync(document, url, tls, request.AllowInsecureHttp, say, cancellationToken);
        await audit.AppendAsync(new AuditRecord("cli", "partner.pair", "success", document.PartyIdentity, new JsonObject
        {
            ["url"] = url.ToString(),
            ["keyFingerprint"] = document.KeyFingerprint,
            ["tlsFingerprint"] = tls,
        }), cancellationToken);

        var answer = await NotifyAsync(url, request.AllowInsecureHttp, document, self, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        switch (answer)
        {
            case PairingAnswer.Trusted:
                partner.RecordContact(now);
                var trustedNow = partner.Trust(now);
                await db.SaveChangesAsync(cancellationToken);
                await say($"answer    {document.PartyName} has pinned this node too: the link is trusted");
                if (trustedNow)
                {
                    var owed = await Feed.BackfillAsync(db, time, partner.Id, cancellationToken);
                    await say($"outbox    {owed} record version(s) queued for {document.PartyName}");
                }

                break;
            case PairingAnswer.AwaitingPairing:
                partner.RecordContact(now);
                await db.SaveChangesAsync(cancellationToken);
                await say($"answer    {document.PartyName} has not pinned this node yet: its administrator runs 'liaison pair' with fingerprint {key.Fingerprint}");
                break;
            default:
                await say($"answer    {document.PartyName} has suspended its link to this node; nothing flows until its administrator resumes it");
                break;
        }

        var state = await db.Partners.AsNoTracking().Where(p => p.Id == partner.Id).Select(p => p.State).SingleAsync(cancellationToken);
        await say($"state     {state.ToString().ToLowerInvariant()}");
        return state;
    }

    /// <summary>
    /// Fetches the partner's self-description over a connection that records the certificate it was shown, and
    /// accepts it only if its key has the expected fingerprint and it is signed by that key.
    /// </summary>
    private async Task<(NodeDocument Document, string? ObservedTls)> FetchDocumentAsync(Uri url, string expectedFingerprint, CancellationToken cancellationToken)
    {
        var target = new Uri(url, NodeDocument.Path.TrimStart('/'));
        using var handler = PinnedTls.CreateDiscoveryHandler();
        using var client = new HttpClient(handler, disposeHandler: false) { Timeout = RequestTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var (status, message) = await SendAsync(client, request, url, cancellationToken);
        if (status != HttpStatusCode.OK)
        {
            throw new CliException($"{target} answered {(int)status}; is {url} a Liaison node? nothing was pinned");
        }

        var document = NodeDocument.Read(message.Body!.Value.Span);
        var problem = document is null ? "it is not a node description" : document.Problem();
        if (document is null || problem is not null)
        {
            throw new CliException($"{target} sent an unusable self-description ({problem}); nothing was pinned");
        }

        if (!string.Equals(document.KeyFingerprint, expectedFingerprint, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException(
                $"the node at {url} has key {document.KeyFingerprint.ToLowerInvariant()}, not {expectedFingerprint}: do not pair; check the fingerprint with the partner's administrator. Nothing was pinned");
        }

        var verified = Verify(message, document.RawPublicKey()!);
        if (!verified.IsValid)
        {
            throw new CliException($"the self-description from {url} is not validly signed by the key {expectedFingerprint} ({verified.Detail.TrimEnd('.')}); nothing was pinned");
        }

        return (document, handler.ObservedFingerprint);
    }

    /// <summary>Creates or updates the party and its partner row (pending unless already further along).</summary>
    private async Task<Partner> PinAsync(NodeDocument document, Uri url, string? tls, bool allowInsecureHttp, Func<string, Task> say, CancellationToken cancellationToken)
    {
        var fingerprint = document.KeyFingerprint.ToLowerInvariant();
        var party = await db.Parties.SingleOrDefaultAsync(p => p.StixId == document.PartyIdentity, cancellationToken);
        if (party is { IsSelf: true })
        {
            throw new CliException($"{url} describes this node's own party ({party.StixId}); nothing was pinned");
        }

        var byKey = await db.Partners.Include(p => p.Party).SingleOrDefaultAsync(p => p.KeyFingerprint == fingerprint, cancellationToken);
        if (byKey is not null && byKey.Party.StixId != document.PartyIdentity)
        {
            throw new CliException($"key {fingerprint} is already pinned for {byKey.Party.Name} ({byKey.Party.StixId}), not {document.PartyIdentity}; nothing was changed");
        }

        var partner = party is null ? null : await db.Partners.SingleOrDefaultAsync(p => p.PartyId == party.Id, cancellationToken);
        if (partner is not null && partner.KeyFingerprint != fingerprint)
        {
            throw new CliException(
                $"{party!.Name} is already paired with key {partner.KeyFingerprint}; a node presenting another key is not accepted in its place. Nothing was changed");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (party is null)
        {
            party = new Party(document.PartyIdentity, document.PartyName, document.Country, isSelf: false, now);
            db.Parties.Add(party);
        }
        else
        {
            // Party has no intention-revealing rename yet; the partner's own signed description is the authority on its name.
            db.Entry(party).Property(p => p.Name).CurrentValue = document.PartyName;
            db.Entry(party).Property(p => p.Country).CurrentValue = document.Country;
        }

        if (partner is null)
        {
            partner = new Partner(party, url, document.RawPublicKey()!, fingerprint, tls, allowInsecureHttp, now);
            db.Partners.Add(partner);
        }
        else
        {
            partner.UpdateEndpoint(url, tls, allowInsecureHttp);
        }

        await db.SaveChangesAsync(cancellationToken);
        await say($"pinned    {document.PartyName} as partner #{partner.Id} ({partner.State.ToString().ToLowerInvariant()})");
        return partner;
    }

    /// <summary>Tells the partner this node pinned it, and reads its signed answer.</summary>
    private async Task<string> NotifyAsync(Uri url, bool allowInsecureHttp, NodeDocument partner, NodeDocument self, CancellationToken cancellationToken)
    {
        var target = new Uri(url, PairingAnswer.Path.TrimStart('/'));
        var pinnedHere = $"{partner.PartyName} is pinned here as pending, but telling its node failed";
        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(self, NodeDocument.Json)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        HttpStatusCode status;
        SignedMessage message;
        try
        {
            (status, message) = await SendAsync(clients.ForPairing(url, allowInsecureHttp), request, url, cancellationToken);
        }
        catch (CliException ex)
        {
            throw new CliException($"{pinnedHere}: {ex.Message}; run 'liaison pair' again once it is reachable");
        }

        var body = message.Body!.Value;
        if (status == HttpStatusCode.Unauthorized && PairingProblems.IsUnknownKey(body.Span))
        {
            // The partner's signature layer turned the request away before the pairing endpoint saw it: its
            // administrator has not pinned this node's key. Only a problem that says exactly that is read so.
            return PairingAnswer.AwaitingPairing;
        }

        var verified = Verify(message, partner.RawPublicKey()!);
        if (!verified.IsValid)
        {
            throw new CliException($"{pinnedHere}: its answer ({(int)status}) is not validly signed by its key ({verified.Detail.TrimEnd('.')})");
        }

        var state = ReadState(body.Span);
        return (status, state) switch
        {
            (HttpStatusCode.OK, PairingAnswer.Trusted) => PairingAnswer.Trusted,
            (HttpStatusCode.Accepted, PairingAnswer.AwaitingPairing) => PairingAnswer.AwaitingPairing,
            (HttpStatusCode.Conflict, PairingAnswer.Suspended) => PairingAnswer.Suspended,
            _ => throw new CliException($"{pinnedHere}: it answered {(int)status} {Shorten(body.Span)}"),
        };
    }

    private static async Task<(HttpStatusCode Status, SignedMessage Message)> SendAsync(HttpClient client, HttpRequestMessage request, Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var fields = new HttpFieldCollection();
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                foreach (var value in values)
                {
                    fields.Add(name, value);
                }
            }

            return (response.StatusCode, SignedMessage.Response((int)response.StatusCode, fields, body));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is TaskCanceledException ? $"no answer within {RequestTimeout.TotalSeconds:0} s" : Flatten(ex);
            throw new CliException($"cannot reach {url}: {reason}; nothing was pinned");
        }
    }

    /// <summary>RFC 9421 §3.2 with the partner's own key; the <c>keyid</c> is only a hint, the key is the one already checked.</summary>
    private SignatureVerificationResult Verify(SignedMessage message, byte[] publicKey) =>
        HttpMessageSignatures.Verify(message, label: null, _ => publicKey, time, VerificationPolicy.ForResponses, new NonceCache(time, TimeSpan.FromMinutes(10)));

    private static string? ReadState(ReadOnlySpan<byte> body)
    {
        try
        {
            var node = JsonNode.Parse(body);
            return node is JsonObject o && o["state"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Flatten(Exception ex)
    {
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            parts.Add(e.Message.ReplaceLineEndings(" ").TrimEnd('.'));
        }

        return string.Join(": ", parts.Distinct());
    }

    private static string Shorten(ReadOnlySpan<byte> body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body).ReplaceLineEndings(" ");
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
