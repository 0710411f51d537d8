using Liaison.Protocol.Http;

namespace Liaison.Exchange.Signatures;

/// <summary>
/// What Liaison signs and insists on between nodes (DESIGN §3): the covered components, the parameters and the
/// limits, in one place for both the receiving middleware and the sending client.
/// </summary>
public static class SignatureProfile
{
    /// <summary>The label Liaison signs under; verification takes whichever single signature a message carries.</summary>
    public const string Label = "sig1";

    /// <summary>The largest request body a signed request may carry; it is held in memory to be verified before parsing.</summary>
    public const long MaxRequestBodyBytes = 10 * 1024 * 1024;

    /// <summary>The largest answer a partner client reads into memory to verify it.</summary>
    public const long MaxResponseBodyBytes = 64 * 1024 * 1024;

    /// <summary>How far <c>created</c> may lie from now, either way (DESIGN §3).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(300);

    /// <summary>
    /// How long a nonce is remembered when a signature gives no bound; a message is acceptable from
    /// <c>created - W</c> to <c>created + W</c>, so twice the window (RFC 9421 §7.2.2).
    /// </summary>
    public static readonly TimeSpan NonceRetention = 2 * Window;

    /// <summary>Components a request covers: method and target URI, and the body digest when it has a body.</summary>
    public static IReadOnlyList<string> RequestComponents(bool hasBody) =>
        hasBody ? ["@method", "@target-uri", ContentDigest.FieldName] : ["@method", "@target-uri"];

    /// <summary>
    /// Components an answer covers: its status, body digest and media type, and the request it answers with
    /// <c>;req</c> (RFC 9421 §2.4), so a signed answer cannot be passed off as the answer to another request.
    /// </summary>
    public static IReadOnlyList<string> ResponseComponents(bool hasContentType, bool requestHasDigest)
    {
        var components = new List<string> { "@status", ContentDigest.FieldName };
        if (hasContentType)
        {
            components.Add("content-type");
        }

        components.Add(SignatureBase.FromRequest("@method"));
        components.Add(SignatureBase.FromRequest("@target-uri"));
        if (requestHasDigest)
        {
            components.Add(SignatureBase.FromRequest(ContentDigest.FieldName));
        }

        return components;
    }

    /// <summary>What a received request must carry: <c>created</c>, <c>keyid</c>, <c>nonce</c>, <c>alg="ed25519"</c>.</summary>
    public static VerificationPolicy ForRequest(bool hasBody) => new()
    {
        RequiredComponents = RequestComponents(hasBody),
        RequireCreated = true,
        RequireNonce = true,
        RequireAlgorithm = true,
        Window = Window,
    };

    /// <summary>What an answer must carry; the related request's digest is required when the request had a body.</summary>
    public static VerificationPolicy ForResponse(bool requestHasDigest)
    {
        var required = new List<string>
        {
            "@status",
            ContentDigest.FieldName,
            SignatureBase.FromRequest("@method"),
            SignatureBase.FromRequest("@target-uri"),
        };
        if (requestHasDigest)
        {
            required.Add(SignatureBase.FromRequest(ContentDigest.FieldName));
        }

        return new()
        {
            RequiredComponents = required,
            RequireCreated = true,
            RequireNonce = true,
            RequireAlgorithm = true,
            Window = Window,
        };
    }
}

/// <summary>
/// The nonces of signatures this node accepted (RFC 9421 §7.2.2): one cache for partners' requests, one for their
/// answers, so a captured message cannot be played back within the window.
/// </summary>
public sealed class ReplayCaches(TimeProvider time)
{
    public NonceCache Requests { get; } = new(time, SignatureProfile.NonceRetention);

    public NonceCache Responses { get; } = new(time, SignatureProfile.NonceRetention);
}
