namespace Liaison.Exchange.Signatures;

/// <summary>
/// HTTP clients for talking to partner nodes. Every request they send is signed with this node's key (RFC 9421,
/// covering <c>@method</c>, <c>@target-uri</c>, <c>content-digest</c>, <c>created</c> and a fresh <c>nonce</c>,
/// signed again on every retry); every answer is checked against the partner's pinned key before the caller sees it
/// (<see cref="PartnerSignatureException"/> otherwise). TLS is pinned to the partner's certificate fingerprint.
/// </summary>
public interface IPartnerClients
{
    /// <summary>A client for a paired partner (its key and TLS fingerprint pinned).</summary>
    HttpClient For(Partner partner);

    /// <summary>
    /// A client for the first contact while pairing: requests are signed, answers are checked against
    /// the key the partner presents, by the caller, once it has checked that key against the fingerprint given out of band.
    /// </summary>
    HttpClient ForPairing(Uri partnerBaseUrl, bool allowInsecureHttp);

    /// <summary>
    /// Checks an answer received through <see cref="ForPairing"/> against the key the partner presented: signed
    /// by it, within ±300 s, not replayed, and covering the request it answers (RFC 9421 §2.4).
    /// </summary>
    /// <exception cref="PartnerSignatureException">The answer is unsigned, tampered with, stale, or signed by another key.</exception>
    Task VerifyAnswerAsync(HttpResponseMessage response, byte[] partnerPublicKey, CancellationToken cancellationToken = default);
}

/// <summary>An answer from a partner that was unsigned, tampered with, stale, or signed by another key.</summary>
public sealed class PartnerSignatureException : HttpRequestException
{
    public PartnerSignatureException()
    {
    }

    public PartnerSignatureException(string message)
        : base(message)
    {
    }

    public PartnerSignatureException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>An answer with this status that could not be verified: the status is a hint, never a partner's word.</summary>
    public PartnerSignatureException(string message, System.Net.HttpStatusCode status)
        : base(message, null, status)
    {
    }
}
