namespace Liaison.Protocol.Http;

/// <summary>What a verifier insists on beyond a valid signature (RFC 9421 §3.2.1 leaves this to the application).</summary>
public sealed record VerificationPolicy
{
    /// <summary>Liaison's rule for requests (DESIGN §3): method, target URI and body digest covered, with created and nonce.</summary>
    public static VerificationPolicy ForRequests { get; } = new()
    {
        RequiredComponents = ["@method", "@target-uri", ContentDigest.FieldName],
    };

    /// <summary>Liaison's rule for responses: status and body digest covered, with created and nonce.</summary>
    public static VerificationPolicy ForResponses { get; } = new()
    {
        RequiredComponents = ["@status", ContentDigest.FieldName],
    };

    /// <summary>Components that must be covered; request components of a response as <c>@method;req</c> (see <see cref="SignatureBase.FromRequest"/>).</summary>
    public IReadOnlyList<string> RequiredComponents { get; init; } = [];

    /// <summary>Whether the <c>created</c> parameter must be present.</summary>
    public bool RequireCreated { get; init; } = true;

    /// <summary>Whether the <c>nonce</c> parameter must be present.</summary>
    public bool RequireNonce { get; init; } = true;

    /// <summary>
    /// Whether the <c>alg</c> parameter must be present (it must always be <c>ed25519</c> when present);
    /// RFC 9421 §2.3 makes it optional, a verifier may insist.
    /// </summary>
    public bool RequireAlgorithm { get; init; }

    /// <summary>How far <c>created</c> may lie from now, in either direction (DESIGN §3: 300 s).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(300);
}
