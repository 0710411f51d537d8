namespace Liaison.Protocol.Http;

/// <summary>The signature parameters of RFC 9421 §2.3, serialised on <c>@signature-params</c> in this order when set.</summary>
public sealed record SignatureParameters
{
    /// <summary>The <c>created</c> parameter: when the signature was made, in whole Unix seconds.</summary>
    public long? Created { get; init; }

    /// <summary>The <c>expires</c> parameter: after when the signature must not be accepted, in Unix seconds.</summary>
    public long? Expires { get; init; }

    /// <summary>The <c>keyid</c> parameter: names the key for the verifier.</summary>
    public string? KeyId { get; init; }

    /// <summary>The <c>nonce</c> parameter: a random value for replay detection (RFC 9421 §7.2.2).</summary>
    public string? Nonce { get; init; }

    /// <summary>The <c>alg</c> parameter, for example <c>ed25519</c> (RFC 9421 §3.3.6).</summary>
    public string? Alg { get; init; }

    /// <summary>The <c>tag</c> parameter: an application-specific label for the signature.</summary>
    public string? Tag { get; init; }

    internal IReadOnlyList<KeyValuePair<string, object>> ToStructured()
    {
        var list = new List<KeyValuePair<string, object>>();
        if (Created is { } created)
        {
            list.Add(new("created", created));
        }

        if (Expires is { } expires)
        {
            list.Add(new("expires", expires));
        }

        if (KeyId is not null)
        {
            list.Add(new("keyid", KeyId));
        }

        if (Nonce is not null)
        {
            list.Add(new("nonce", Nonce));
        }

        if (Alg is not null)
        {
            list.Add(new("alg", Alg));
        }

        if (Tag is not null)
        {
            list.Add(new("tag", Tag));
        }

        return list;
    }
}
