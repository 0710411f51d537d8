using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Audit;
using Liaison.Cli;
using Liaison.Exchange.Signatures;
using Liaison.Exchange.Tls;
using Liaison.Features.Parties;
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

    /// <summary>The input a problem with the partner's address is about (<see cref="CliException.Field"/>).</summary>
    public const string UrlField = "partnerUrl";

    /// <summary>The input a problem with the fingerprint the administrators exchanged is about.</summary>
    public const string FingerprintField = "partnerFingerprint";

    /// <summary>
    /// What to pair with; <paramref name="Actor"/> is who the audit log names (<c>cli</c>, or the desk user) and
    /// <paramref name="Via"/> the channel when it is not the CLI (<c>desk</c>, as other desk actions record it).
    /// </summary>
    public sealed record Request(string PartnerUrl, string PartnerFingerprint, bool AllowInsecureHttp, string Actor = "cli", string? Via = null);

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
            throw new CliException(check.Error, UrlField);
        }

        var url = check.Url;
        string expected;
        try
        {
            expected = NodeKey.NormalizeFingerprint(request.PartnerFingerprint);
        }
        catch (FormatException ex)
        {
            throw new CliException($"--partner-fingerprint: {ex.Message.TrimEnd('.')}", FingerprintField);
        }

        if (expected == key.Fingerprint)
        {
            throw new CliException("--partner-fingerprint is this node's own key; give the fingerprint the partner's administrator read out", FingerprintField);
        }

        await say($"contact   {url}");
        var (document, observedTls) = await FetchDocumentAsync(url, request.AllowInsecureHttp, expected, cancellationToken);
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

            tls = NodeKey.NormalizeFingerprint(observedTls);
            await say($"tls       {tls} pinned");
        }
        else
        {
            await say("tls       none: plain http" + (request.AllowInsecureHttp ? $" ({PartnerUrl.InsecureHttpOption})" : " to loopback"));
        }

        var partner = await PinAsync(document, url, tls, request.AllowInsecureHttp, say, cancellationToken);
        await audit.AppendAsync(new AuditRecord(request.Actor, "partner.pair", "success", document.PartyIdentity, new JsonObject
        {
            ["url"] = url.ToString(),
            ["keyFingerprint"] = document.KeyFingerprint,
            ["tlsFingerprint"] = tls,
            ["via"] = request.Via,
        }), cancellationToken);

        var answer = await NotifyAsync(url, request.AllowInsecureHttp, document, self, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        switch (answer)
        {
            case PairingAnswer.Trusted:
                partner.RecordContact(now);
                var trustedNow = partner.Trust(now);
                await db.SaveChangesAsync(cancellationToken);
                await say($"answer    {PairingAnswer.Trusted}: {document.PartyName} has pinned this node too");
                if (trustedNow)
                {
                    var owed = await Feed.BackfillAsync(db, time, partner.Id, cancellationToken);
                    await say($"outbox    {owed} record version(s) queued for {document.PartyName}");
                }

                break;
            case PairingAnswer.AwaitingPairing:
                await say($"answer    {PairingAnswer.AwaitingPairing}: {document.PartyName}'s administrator has still to pair with this node's fingerprint {key.Fingerprint} ('liaison pair' or the desk's partners page)");
                break;
            default:
                await say($"answer    {PairingAnswer.Suspended}: {document.PartyName} has suspended its link to this node; nothing flows until its administrator resumes it");
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
    private async Task<(NodeDocument Document, string? ObservedTls)> FetchDocumentAsync(Uri url, bool allowInsecureHttp, string expectedFingerprint, CancellationToken cancellationToken)
    {
        var target = new Uri(url, NodeDocument.Path.TrimStart('/'));
        using var client = PairingClient(url, allowInsecureHttp);
        using var request = new HttpRequestMessage(HttpMethod.Get, target);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(client, request, url, "nothing was pinned", UrlField, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new CliException($"{target} answered {(int)response.StatusCode}; is {url} a Liaison node? Nothing was pinned", UrlField);
        }

        var document = NodeDocument.Read(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        var problem = document is null ? "it is not a node description" : document.Problem();
        if (document is null || problem is not null)
        {
            throw new CliException($"{target} sent an unusable self-description ({problem}); nothing was pinned", UrlField);
        }

        if (!string.Equals(document.KeyFingerprint, expectedFingerprint, StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException(
                $"the node at {url} has key {NodeKey.NormalizeFingerprint(document.KeyFingerprint)}, not {expectedFingerprint}: do not pair; check the fingerprint with the partner's administrator. Nothing was pinned",
                FingerprintField);
        }

        try
        {
            await clients.VerifyAnswerAsync(response, document.RawPublicKey()!, cancellationToken);
        }
        catch (PartnerSignatureException ex)
        {
            throw new CliException($"the self-description from {url} is not validly signed by the key {expectedFingerprint} ({OneLine(ex.Message)}); nothing was pinned");
        }

        return (document, request.Options.TryGetValue(PartnerClients.ObservedTlsFingerprint, out var observed) ? observed : null);
    }

    /// <summary>Creates or updates the party and its partner row (pending unless already further along).</summary>
    private async Task<Partner> PinAsync(NodeDocument document, Uri url, string? tls, bool allowInsecureHttp, Func<string, Task> say, CancellationToken cancellationToken)
    {
        var fingerprint = NodeKey.NormalizeFingerprint(document.KeyFingerprint);
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

        var known = partner is not null;
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
        var state = partner.State.ToString().ToLowerInvariant();
        await say(known
            ? $"known     {document.PartyName} is partner #{partner.Id} ({state}); its address and TLS pin are brought up to date"
            : $"pinned    {document.PartyName} as partner #{partner.Id} ({state})");
        return partner;
    }

    /// <summary>Tells the partner this node pinned it, and reads its answer.</summary>
    private async Task<string> NotifyAsync(Uri url, bool allowInsecureHttp, NodeDocument partner, NodeDocument self, CancellationToken cancellationToken)
    {
        var target = new Uri(url, PairingAnswer.Path.TrimStart('/'));
        var pinnedHere = $"{partner.PartyName} is pinned here as pending, but telling its node failed";
        using var client = PairingClient(url, allowInsecureHttp);
        using var request = new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(self, NodeDocument.Json)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await SendAsync(client, request, url, $"{pinnedHere}; pair again once it is reachable", null, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);

        // The signature layer answers before the pairing endpoint runs, unsigned (it may not know who is asking):
        // only its exact reasons are read, and they change nothing here.
        switch (response.StatusCode, PairingProblems.ReasonOf(body))
        {
            case (HttpStatusCode.Unauthorized, PairingProblems.UnknownKey):
                return PairingAnswer.AwaitingPairing;
            case (HttpStatusCode.Forbidden, PairingProblems.Suspended):
                return PairingAnswer.Suspended;
        }

        try
        {
            await clients.VerifyAnswerAsync(response, partner.RawPublicKey()!, cancellationToken);
        }
        catch (PartnerSignatureException ex)
        {
            throw new CliException($"{pinnedHere}: its answer is not validly signed by its key ({OneLine(ex.Message)})");
        }

        return (response.StatusCode, ReadState(body)) switch
        {
            (HttpStatusCode.OK, PairingAnswer.Trusted) => PairingAnswer.Trusted,
            _ => throw new CliException($"{pinnedHere}: it answered {(int)response.StatusCode} {Shorten(body)}"),
        };
    }

    private HttpClient PairingClient(Uri url, bool allowInsecureHttp)
    {
        var client = clients.ForPairing(url, allowInsecureHttp);
        client.Timeout = RequestTimeout;
        return client;
    }

    /// <summary>Sends, and reads the whole answer so it can be verified; an unreachable partner is the operator's to fix.</summary>
    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, Uri url, string consequence, string? field, CancellationToken cancellationToken)
    {
        HttpResponseMessage? response = null;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(SignatureProfile.MaxResponseBodyBytes, cancellationToken);
            return response;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            var reason = ex is TaskCanceledException ? $"no answer within {RequestTimeout.TotalSeconds:0} s" : Flatten(ex);
            throw new CliException($"cannot reach {url}: {reason}; {consequence}", field);
        }
    }

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

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").TrimEnd('.');

    private static string Shorten(ReadOnlySpan<byte> body)
    {
        var text = System.Text.Encoding.UTF8.GetString(body).ReplaceLineEndings(" ");
        return text.Length > 200 ? text[..200] + "…" : text;
    }
}
