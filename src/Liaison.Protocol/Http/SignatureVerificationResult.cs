namespace Liaison.Protocol.Http;

/// <summary>Why a signature was refused.</summary>
public enum SignatureFailure
{
    /// <summary>Not refused: the signature is valid.</summary>
    None = 0,

    /// <summary><c>Signature-Input</c> or <c>Signature</c> is absent, or has no signature with the wanted label.</summary>
    Missing = 1,

    /// <summary>The signature fields, a parameter, or a covered value cannot be parsed or used.</summary>
    Malformed = 2,

    /// <summary>The <c>alg</c> parameter names something other than <c>ed25519</c> (RFC 9421 §3.3.6).</summary>
    UnsupportedAlgorithm = 3,

    /// <summary>The <c>keyid</c> is absent or does not resolve to a pinned partner key.</summary>
    UnknownKey = 4,

    /// <summary><c>created</c> is older than the window, or <c>expires</c> has passed.</summary>
    Expired = 5,

    /// <summary><c>created</c> lies further in the future than the window allows.</summary>
    NotYetValid = 6,

    /// <summary>A component or parameter the policy requires is not covered by the signature.</summary>
    ComponentNotCovered = 7,

    /// <summary>The signature does not match the message (or a covered field was removed).</summary>
    BadSignature = 8,

    /// <summary>The signature is valid but the body does not match the covered <c>Content-Digest</c> (RFC 9530).</summary>
    DigestMismatch = 9,

    /// <summary>The <c>(keyid, nonce)</c> pair was already accepted within the window (RFC 9421 §7.2.2).</summary>
    ReplayedNonce = 10,

    /// <summary>The nonce cache is full, so the nonce could not be recorded; the request should be retried later.</summary>
    ReplayCacheFull = 11,
}

/// <summary>The outcome of <see cref="HttpMessageSignatures.Verify"/>.</summary>
/// <param name="Failure"><see cref="SignatureFailure.None"/> when valid.</param>
/// <param name="Detail">A sentence for logs and problem details; never contains key material.</param>
/// <param name="Label">The signature's label, when one was chosen.</param>
/// <param name="KeyId">The <c>keyid</c> parameter, when present.</param>
public sealed record SignatureVerificationResult(SignatureFailure Failure, string Detail, string? Label = null, string? KeyId = null)
{
    /// <summary>Whether the signature was accepted.</summary>
    public bool IsValid => Failure == SignatureFailure.None;

    /// <summary>The covered components, in signed order, when the signature input was parsed.</summary>
    public IReadOnlyList<string> CoveredComponents { get; init; } = [];

    /// <summary>The <c>created</c> parameter, when present.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The <c>nonce</c> parameter, when present.</summary>
    public string? Nonce { get; init; }
}
