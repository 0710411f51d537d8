using System.Collections.Concurrent;
using System.Text;
using Liaison.Exchange.Tls;
using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;

namespace Liaison.Exchange.Signatures;

/// <inheritdoc cref="IPartnerClients"/>
/// <remarks>
/// Paired partners share one handler chain from <see cref="IHttpClientFactory"/> (<see cref="ClientName"/>):
/// the standard resilience handler, outside <see cref="SigningHandler"/> so that each retry is signed afresh with a
/// new <c>created</c> and nonce (a receiver refuses a repeated nonce as a replay), then a transport per TLS pin.
/// <see cref="For"/> only wraps that chain with the partner's address and keys, so it is cheap to call per use;
/// the wrapper checks the final answer against the partner's key.
/// </remarks>
public sealed class PartnerClients(IHttpMessageHandlerFactory handlers, NodeKey key, TimeProvider time, ReplayCaches replays) : IPartnerClients
{
    /// <summary>The named client whose handler chain partner clients share.</summary>
    public const string ClientName = "liaison-partner";

    /// <summary>On a pairing request, the fingerprint of the TLS certificate the partner presented (<c>SHA256:…</c>).</summary>
    public static readonly HttpRequestOptionsKey<string> ObservedTlsFingerprint = new("liaison.observed-tls-fingerprint");

    internal static readonly HttpRequestOptionsKey<PartnerEndpoint> EndpointKey = new("liaison.partner-endpoint");

    internal static readonly HttpRequestOptionsKey<SignedMessage> SignedRequestKey = new("liaison.signed-request");

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The partner's address is not one a node may talk to (for example plain http to a non-loopback host without the insecure option).</exception>
    public HttpClient For(Partner partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var check = PartnerUrl.Validate(partner.BaseUrl, partner.AllowInsecureHttp);
        if (!check.IsValid)
        {
            throw new InvalidOperationException($"Partner {partner.Id}: {check.Error}");
        }

        var endpoint = new PartnerEndpoint(check.Url, partner.KeyFingerprint, [.. partner.PublicKey], partner.TlsFingerprint);
        return new HttpClient(new PartnerEndpointHandler(endpoint, time, replays.Responses) { InnerHandler = handlers.CreateHandler(ClientName) })
        {
            BaseAddress = check.Url,
        };
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Requests that change something (POST, PUT…) are signed; GET and HEAD go unsigned, since a node fetched for
    /// the first time cannot know this node's key yet and would refuse the signature as an unknown key. Any
    /// certificate is accepted and its fingerprint left in <c>response.RequestMessage.Options</c> under
    /// <see cref="ObservedTlsFingerprint"/>; check the answer with <see cref="VerifyAnswerAsync"/>. Not retried:
    /// pairing is run by an operator, who sees the error.
    /// </remarks>
    /// <exception cref="ArgumentException">The address is not one a node may talk to.</exception>
    public HttpClient ForPairing(Uri partnerBaseUrl, bool allowInsecureHttp)
    {
        ArgumentNullException.ThrowIfNull(partnerBaseUrl);
        var check = PartnerUrl.Validate(partnerBaseUrl.ToString(), allowInsecureHttp);
        if (!check.IsValid)
        {
            throw new ArgumentException(check.Error, nameof(partnerBaseUrl));
        }

        var chain = new SigningHandler(key, time, signSafeMethods: false)
        {
            InnerHandler = new TlsObserver(PinnedTls.CreateDiscoveryHandler()),
        };
        return new HttpClient(chain) { BaseAddress = check.Url };
    }

    /// <inheritdoc/>
    public async Task VerifyAnswerAsync(HttpResponseMessage response, byte[] partnerPublicKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(partnerPublicKey);
        if (response.RequestMessage?.Options.TryGetValue(SignedRequestKey, out var request) != true || request is null)
        {
            throw new InvalidOperationException("Only answers to requests sent through a partner client can be verified.");
        }

        await SigningHandler.VerifyAsync(response, request, NodeKey.ComputeFingerprint(partnerPublicKey), partnerPublicKey, time, replays.Responses, cancellationToken);
    }
}

/// <summary>Where a paired partner is and how it is recognised: its address, signing key and TLS pin.</summary>
internal sealed record PartnerEndpoint(Uri BaseUrl, string KeyFingerprint, byte[] PublicKey, string? TlsFingerprint);

/// <summary>
/// The outer end of a paired partner's client: attaches the partner to each request (the shared chain below reads
/// it), keeps the client from being pointed anywhere else, and checks the final answer against the partner's key.
/// The check sits outside the resilience handler so a transient failure (a 503 with <c>Retry-After</c>, from the
/// partner or a proxy) is retried as what it is, and only the answer the caller gets is judged.
/// </summary>
internal sealed class PartnerEndpointHandler(PartnerEndpoint endpoint, TimeProvider time, NonceCache nonces) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is not { IsAbsoluteUri: true } uri
            || Uri.Compare(uri, endpoint.BaseUrl, UriComponents.SchemeAndServer, UriFormat.UriEscaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new InvalidOperationException($"A client for {endpoint.BaseUrl} only sends signed requests there, not to {request.RequestUri}.");
        }

        request.Options.Set(PartnerClients.EndpointKey, endpoint);
        var response = await base.SendAsync(request, cancellationToken);
        try
        {
            // The request as signed on the attempt that produced this answer.
            if (!request.Options.TryGetValue(PartnerClients.SignedRequestKey, out var signed))
            {
                throw new InvalidOperationException($"The {PartnerClients.ClientName} chain did not sign the request.");
            }

            await SigningHandler.VerifyAsync(response, signed, endpoint.KeyFingerprint, endpoint.PublicKey, time, nonces, cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        return response;
    }
}

/// <summary>
/// Signs each request with this node's key (RFC 9421), adding <c>Content-Digest</c> (RFC 9530) over its body, and
/// leaves the request as signed on its options for whoever checks the answer. Runs once per attempt.
/// </summary>
internal sealed class SigningHandler(NodeKey key, TimeProvider time, bool signSafeMethods = true) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        await SignAsync(request, cancellationToken);
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>Signs (again, on a retry: fresh created and nonce) and returns the request as signed.</summary>
    private async Task<SignedMessage> SignAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri ?? throw new InvalidOperationException("A signed request needs an absolute URI.");
        request.Headers.Remove(HttpMessageSignatures.SignatureInputField);
        request.Headers.Remove(HttpMessageSignatures.SignatureField);
        request.Headers.Remove(ContentDigest.FieldName);

        byte[]? body = null;
        if (request.Content is { } content)
        {
            body = await content.ReadAsByteArrayAsync(cancellationToken);
            if (content is not ByteArrayContent)
            {
                // Other content may not be readable twice (a stream) or may not serialise the same twice.
                var replacement = new ByteArrayContent(body);
                foreach (var (name, values) in content.Headers.NonValidated)
                {
                    replacement.Headers.TryAddWithoutValidation(name, values);
                }

                request.Content = replacement;
                content.Dispose();
            }

            request.Headers.TryAddWithoutValidation(ContentDigest.FieldName, ContentDigest.Compute(body));
        }

        var message = SignedMessage.Request(request.Method.Method, uri, Fields(request.Headers, request.Content?.Headers), body);
        request.Options.Set(PartnerClients.SignedRequestKey, message);
        if (!signSafeMethods && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head))
        {
            return message;
        }

        var signature = HttpMessageSignatures.Sign(
            message, SignatureProfile.Label, SignatureProfile.RequestComponents(body is not null),
            time.GetUtcNow(), HttpMessageSignatures.CreateNonce(), key.Fingerprint, key);
        request.Headers.TryAddWithoutValidation(HttpMessageSignatures.SignatureInputField, signature.SignatureInput);
        request.Headers.TryAddWithoutValidation(HttpMessageSignatures.SignatureField, signature.Signature);
        return message;
    }

    /// <summary>Checks an answer (RFC 9421 §3.2) against the partner's key, the request it answers, and the ±300 s window.</summary>
    /// <exception cref="PartnerSignatureException">The answer is unsigned, tampered with, stale, replayed or signed by another key.</exception>
    public static async Task VerifyAsync(
        HttpResponseMessage response, SignedMessage request, string keyFingerprint, byte[] publicKey,
        TimeProvider time, NonceCache nonces, CancellationToken cancellationToken)
    {
        // Read the fields before anything parses them: a parsed value re-serialises differently from what was signed.
        var fields = Fields(response.Headers, response.Content.Headers);
        await response.Content.LoadIntoBufferAsync(SignatureProfile.MaxResponseBodyBytes, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var message = SignedMessage.Response((int)response.StatusCode, fields, body, request);
        var result = HttpMessageSignatures.Verify(
            message, null, id => id == keyFingerprint ? publicKey : null,
            time, SignatureProfile.ForResponse(request.Headers.Contains(ContentDigest.FieldName)), nonces);
        if (!result.IsValid)
        {
            throw new PartnerSignatureException(
                $"{request.TargetUri?.GetLeftPart(UriPartial.Authority)} answered {request.Method} {request.TargetUri?.AbsolutePath} with {(int)response.StatusCode} " +
                $"and no valid signature ({result.Failure}: {result.Detail}){Excerpt(body)}", response.StatusCode);
        }
    }

    private static HttpFieldCollection Fields(System.Net.Http.Headers.HttpHeaders headers, System.Net.Http.Headers.HttpHeaders? contentHeaders)
    {
        var fields = new HttpFieldCollection();
        foreach (var source in contentHeaders is null ? [headers] : new[] { headers, contentHeaders })
        {
            foreach (var (name, values) in source.NonValidated)
            {
                foreach (var value in values)
                {
                    fields.Add(name, value);
                }
            }
        }

        return fields;
    }

    // The partner's own words help an operator, but they are unverified: quoted, short, printable only.
    private static string Excerpt(byte[] body)
    {
        if (body.Length == 0)
        {
            return "";
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
        var printable = new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]);
        return $"; it said (unverified): {printable}{(body.Length > 300 ? "…" : "")}";
    }
}

/// <summary>Leaves the fingerprint of the certificate a pairing partner presented on the request's options.</summary>
internal sealed class TlsObserver(DiscoveryHandler discovery) : DelegatingHandler(discovery)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (discovery.ObservedFingerprint is { } fingerprint)
        {
            request.Options.Set(PartnerClients.ObservedTlsFingerprint, fingerprint);
        }

        return response;
    }
}

/// <summary>
/// The bottom of the shared partner chain: sends each request over the transport for its partner's TLS pin.
/// Transports live as long as the node (<see cref="PartnerTransports"/>), so connections are pooled across the
/// factory's handler rotations.
/// </summary>
internal sealed class PartnerTransport(PartnerTransports transports) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(PartnerClients.EndpointKey, out var partner))
        {
            throw new InvalidOperationException($"Requests on the {PartnerClients.ClientName} client go through IPartnerClients.For(partner).");
        }

        return transports.For(partner.TlsFingerprint).SendAsync(request, cancellationToken);
    }
}

/// <summary>One pooled transport per TLS pin (none for a partner reached over loopback http or a CA-signed certificate).</summary>
public sealed class PartnerTransports : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<HttpMessageInvoker>> _byPin = new(StringComparer.Ordinal);

    internal HttpMessageInvoker For(string? tlsFingerprint) =>
        _byPin.GetOrAdd(tlsFingerprint ?? "", pin => new Lazy<HttpMessageInvoker>(() =>
        {
            var handler = PinnedTls.CreateHandler(pin.Length == 0 ? null : pin);
            // A signed request must not be re-sent elsewhere by a redirect, and connections must see DNS changes.
            handler.AllowAutoRedirect = false;
            handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
            return new HttpMessageInvoker(handler, disposeHandler: true);
        })).Value;

    public void Dispose()
    {
        foreach (var transport in _byPin.Values.Where(t => t.IsValueCreated))
        {
            transport.Value.Dispose();
        }
    }
}
