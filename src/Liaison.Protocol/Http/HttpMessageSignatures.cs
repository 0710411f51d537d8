using System.Security.Cryptography;
using System.Text;
using Liaison.Protocol.Signing;

namespace Liaison.Protocol.Http;

/// <summary>The <c>Signature-Input</c> and <c>Signature</c> field values of one signature (RFC 9421 §4).</summary>
/// <param name="SignatureInput">For example <c>sig1=("@method" "@target-uri");created=1618884473;keyid="k"</c>.</param>
/// <param name="Signature">For example <c>sig1=:BASE64:</c>.</param>
public sealed record SignatureHeaders(string SignatureInput, string Signature)
{
    /// <summary>Adds both fields to a message's headers as new field lines.</summary>
    /// <param name="headers">The headers to add to.</param>
    public void AddTo(HttpFieldCollection headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.Add(HttpMessageSignatures.SignatureInputField, SignatureInput);
        headers.Add(HttpMessageSignatures.SignatureField, Signature);
    }
}

/// <summary>
/// RFC 9421 HTTP Message Signatures with Ed25519 (§3.3.6), as Liaison signs requests and responses
/// between partners (DESIGN §3).
/// </summary>
public static class HttpMessageSignatures
{
    /// <summary>The <c>alg</c> value for Ed25519 (RFC 9421 §3.3.6).</summary>
    public const string Algorithm = "ed25519";

    /// <summary>The <c>Signature-Input</c> field name (RFC 9421 §4.1).</summary>
    public const string SignatureInputField = "signature-input";

    /// <summary>The <c>Signature</c> field name (RFC 9421 §4.2).</summary>
    public const string SignatureField = "signature";

    /// <summary>A fresh random nonce: 16 bytes, base64url without padding.</summary>
    public static string CreateNonce() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Signs a message the way Liaison does: with <c>created</c>, <c>keyid</c>, <c>nonce</c> and <c>alg="ed25519"</c>.</summary>
    /// <param name="message">The request or response.</param>
    /// <param name="label">The signature's label, a structured field key such as <c>sig1</c>.</param>
    /// <param name="coveredComponents">The components to cover, in order.</param>
    /// <param name="created">The signing time; sub-second precision is dropped.</param>
    /// <param name="nonce">A fresh value, for example from <see cref="CreateNonce"/>.</param>
    /// <param name="keyId">The id the partner knows the key by.</param>
    /// <param name="key">The node's signing key.</param>
    /// <exception cref="ArgumentException">A component is unknown or absent, or a value cannot be signed.</exception>
    public static SignatureHeaders Sign(
        SignedMessage message, string label, IReadOnlyList<string> coveredComponents,
        DateTimeOffset created, string nonce, string keyId, NodeKey key) =>
        Sign(message, label, coveredComponents, new SignatureParameters
        {
            Created = created.ToUnixTimeSeconds(),
            KeyId = keyId,
            Nonce = nonce,
            Alg = Algorithm,
        }, key);

    /// <summary>Signs a message with the parameters given, and no others (RFC 9421 §3.1).</summary>
    /// <param name="message">The request or response.</param>
    /// <param name="label">The signature's label, a structured field key such as <c>sig1</c>.</param>
    /// <param name="coveredComponents">The components to cover, in order.</param>
    /// <param name="parameters">The signature parameters.</param>
    /// <param name="key">The node's signing key.</param>
    /// <exception cref="ArgumentException">The label is not a key, a component is unknown or absent, or a value cannot be signed.</exception>
    public static SignatureHeaders Sign(
        SignedMessage message, string label, IReadOnlyList<string> coveredComponents,
        SignatureParameters parameters, NodeKey key)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(key);

        var signatureParams = SignatureBase.ToInnerList(coveredComponents, parameters);
        var built = SignatureBase.TryBuild(message, signatureParams, out var signatureBase);
        if (built.Error is not null)
        {
            throw new ArgumentException(built.Error, nameof(coveredComponents));
        }

        // RFC 9421 §3.1 step 6: the base is signed as its bytes; CheckValue kept it ASCII.
        var signature = key.Sign(Encoding.ASCII.GetBytes(signatureBase));
        return new SignatureHeaders(
            StructuredFields.SerializeDictionary([new(label, signatureParams)]),
            StructuredFields.SerializeDictionary([new(label, new SfItem(signature))]));
    }

    /// <summary>
    /// Verifies one signature on a message (RFC 9421 §3.2) against Liaison's policy, and records its
    /// nonce. Checks run cheapest first; the nonce is recorded only once everything else has passed,
    /// so unauthenticated senders cannot fill the cache. Never throws on hostile input.
    /// </summary>
    /// <param name="message">
    /// The received message; give its <see cref="SignedMessage.Body"/> to have a covered <c>Content-Digest</c> checked,
    /// and for a response covering request components with <c>;req</c>, its <see cref="SignedMessage.RelatedRequest"/> (RFC 9421 §2.4).
    /// </param>
    /// <param name="label">The label to verify; <see langword="null"/> takes the only signature present.</param>
    /// <param name="resolveKey">Maps a <c>keyid</c> to a pinned raw Ed25519 public key, or <see langword="null"/> if unknown.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="policy">What must be covered, and the time window.</param>
    /// <param name="nonces">The replay cache.</param>
    public static SignatureVerificationResult Verify(
        SignedMessage message, string? label, Func<string, byte[]?> resolveKey,
        TimeProvider timeProvider, VerificationPolicy policy, NonceCache nonces)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(resolveKey);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(nonces);

        var inputField = message.Headers.GetCombined(SignatureInputField);
        var signatureField = message.Headers.GetCombined(SignatureField);
        if (string.IsNullOrWhiteSpace(inputField) || string.IsNullOrWhiteSpace(signatureField))
        {
            return Fail(SignatureFailure.Missing, "The message has no Signature-Input or no Signature field (RFC 9421 §4).");
        }

        IReadOnlyList<KeyValuePair<string, SfMember>> inputs;
        IReadOnlyList<KeyValuePair<string, SfMember>> signatures;
        try
        {
            inputs = StructuredFields.ParseDictionary(inputField);
            signatures = StructuredFields.ParseDictionary(signatureField);
        }
        catch (FormatException ex)
        {
            return Fail(SignatureFailure.Malformed, ex.Message);
        }

        if (label is null)
        {
            if (inputs.Count != 1)
            {
                return inputs.Count == 0
                    ? Fail(SignatureFailure.Missing, "Signature-Input is empty.")
                    : Fail(SignatureFailure.Malformed, $"Signature-Input holds {inputs.Count} signatures; the verifier must name the label to check.");
            }

            label = inputs[0].Key;
        }

        var input = Find(inputs, label);
        var signatureMember = Find(signatures, label);
        if (input is null || signatureMember is null)
        {
            return Fail(SignatureFailure.Missing, $"No signature labelled '{label}' in both Signature-Input and Signature.", label);
        }

        if (input is not SfInnerList signatureParams)
        {
            return Fail(SignatureFailure.Malformed, $"Signature-Input '{label}' is not an inner list (RFC 9421 §4.1).", label);
        }

        if (signatureMember is not SfItem { Value: byte[] signature })
        {
            return Fail(SignatureFailure.Malformed, $"Signature '{label}' is not a byte sequence (RFC 9421 §4.2).", label);
        }

        var parsed = ParseParameters(signatureParams);
        if (parsed.Error is not null)
        {
            return Fail(SignatureFailure.Malformed, parsed.Error, label);
        }

        var covered = signatureParams.Items.Select(SignatureBase.Identifier).ToList();
        SignatureVerificationResult Failed(SignatureFailure failure, string detail) =>
            new(failure, detail, label, parsed.KeyId)
            {
                CoveredComponents = covered,
                Created = parsed.Created is { } c && c is >= -62_135_596_800 and <= 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(c) : null,
                Nonce = parsed.Nonce,
            };

        if (parsed.Alg is not null && parsed.Alg != Algorithm)
        {
            return Failed(SignatureFailure.UnsupportedAlgorithm, $"alg=\"{parsed.Alg}\" is not accepted; only {Algorithm} is (RFC 9421 §3.3.6).");
        }

        if (signatureParams.Items.SelectMany(item => item.Parameters).FirstOrDefault(p => p.Key != SignatureBase.RequestParameter || p.Value is not true) is { Key: { } unsupported })
        {
            return Failed(SignatureFailure.Malformed, $"The component parameter ';{unsupported}' is not supported; only ';req' is (RFC 9421 §2.4).");
        }

        if (policy.RequireAlgorithm && parsed.Alg is null)
        {
            return Failed(SignatureFailure.ComponentNotCovered, $"The signature has no alg parameter; alg=\"{Algorithm}\" is required (RFC 9421 §2.3).");
        }

        foreach (var required in policy.RequiredComponents)
        {
            if (!covered.Contains(required, StringComparer.Ordinal))
            {
                return Failed(SignatureFailure.ComponentNotCovered, $"The signature does not cover \"{required}\".");
            }
        }

        if (policy.RequireCreated && parsed.Created is null)
        {
            return Failed(SignatureFailure.ComponentNotCovered, "The signature has no created parameter (RFC 9421 §2.3).");
        }

        if (policy.RequireNonce && parsed.Nonce is null)
        {
            return Failed(SignatureFailure.ComponentNotCovered, "The signature has no nonce parameter (RFC 9421 §2.3).");
        }

        if (parsed.KeyId is null)
        {
            return Failed(SignatureFailure.UnknownKey, "The signature has no keyid parameter.");
        }

        // RFC 9421 §3.2.1: the verifier decides how old a signature may be; DESIGN §3 sets ±300 s.
        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var window = (long)policy.Window.TotalSeconds;
        if (parsed.Created is { } created)
        {
            if (created > now + window)
            {
                return Failed(SignatureFailure.NotYetValid, $"created is {created - now} s in the future; at most {window} s is allowed.");
            }

            if (now - created > window)
            {
                return Failed(SignatureFailure.Expired, $"created is {now - created} s old; at most {window} s is allowed.");
            }
        }

        if (parsed.Expires is { } expires && now > expires)
        {
            return Failed(SignatureFailure.Expired, "The expires parameter has passed (RFC 9421 §2.3).");
        }

        var publicKey = resolveKey(parsed.KeyId);
        if (publicKey is null)
        {
            return Failed(SignatureFailure.UnknownKey, $"keyid \"{parsed.KeyId}\" is not a pinned partner key.");
        }

        var built = SignatureBase.TryBuild(message, signatureParams, out var signatureBase);
        if (built.Error is not null)
        {
            return Failed(built.IsAbsent ? SignatureFailure.BadSignature : SignatureFailure.Malformed, built.Error);
        }

        if (!NodeKey.Verify(publicKey, Encoding.ASCII.GetBytes(signatureBase), signature))
        {
            return Failed(SignatureFailure.BadSignature, "The signature does not match the message.");
        }

        if (message.Body is { } body && covered.Contains(ContentDigest.FieldName, StringComparer.Ordinal))
        {
            var digest = ContentDigest.Verify(message.Headers.GetCombined(ContentDigest.FieldName), body.Span);
            if (digest != ContentDigestCheck.Valid)
            {
                return Failed(SignatureFailure.DigestMismatch, $"Content-Digest check failed: {digest} (RFC 9530).");
            }
        }

        // RFC 9421 §2.4: a covered "content-digest";req binds the answer to the request body only if that body matches it.
        if (message.RelatedRequest is { Body: { } requestBody } related
            && covered.Contains(SignatureBase.FromRequest(ContentDigest.FieldName), StringComparer.Ordinal))
        {
            var digest = ContentDigest.Verify(related.Headers.GetCombined(ContentDigest.FieldName), requestBody.Span);
            if (digest != ContentDigestCheck.Valid)
            {
                return Failed(SignatureFailure.DigestMismatch, $"The related request's Content-Digest check failed: {digest} (RFC 9530).");
            }
        }

        if (parsed.Nonce is { } nonce)
        {
            // The nonce must be held as long as the signature could still be accepted (RFC 9421 §7.2.2).
            var until = Math.Min(parsed.Created is { } c ? c + window : now + window, parsed.Expires ?? long.MaxValue);
            switch (nonces.Remember(parsed.KeyId, nonce, DateTimeOffset.FromUnixTimeSeconds(until)))
            {
                case NonceCheck.Replayed:
                    return Failed(SignatureFailure.ReplayedNonce, "This nonce was already accepted for this key.");
                case NonceCheck.Full:
                    return Failed(SignatureFailure.ReplayCacheFull, "The replay cache is full; retry later.");
            }
        }

        return Failed(SignatureFailure.None, "The signature is valid.");
    }

    private static SfMember? Find(IReadOnlyList<KeyValuePair<string, SfMember>> members, string label)
    {
        foreach (var (key, member) in members)
        {
            if (string.Equals(key, label, StringComparison.Ordinal))
            {
                return member;
            }
        }

        return null;
    }

    // RFC 9421 §2.3: parameter types are fixed; a wrongly typed one makes the input unusable.
    private static ParsedParameters ParseParameters(SfInnerList signatureParams)
    {
        var result = new ParsedParameters();
        foreach (var (key, value) in signatureParams.Parameters)
        {
            switch (key)
            {
                case "created" or "expires":
                    if (value is not long seconds)
                    {
                        return result with { Error = $"The {key} parameter must be an integer (RFC 9421 §2.3)." };
                    }

                    result = key == "created" ? result with { Created = seconds } : result with { Expires = seconds };
                    break;
                case "nonce" or "keyid" or "alg" or "tag":
                    if (value is not string text)
                    {
                        return result with { Error = $"The {key} parameter must be a string (RFC 9421 §2.3)." };
                    }

                    result = key switch
                    {
                        "nonce" => result with { Nonce = text },
                        "keyid" => result with { KeyId = text },
                        "alg" => result with { Alg = text },
                        _ => result,
                    };
                    break;
            }
        }

        return result;
    }

    private static SignatureVerificationResult Fail(SignatureFailure failure, string detail, string? label = null) =>
        new(failure, detail, label);

    private sealed record ParsedParameters
    {
        public long? Created { get; init; }

        public long? Expires { get; init; }

        public string? Nonce { get; init; }

        public string? KeyId { get; init; }

        public string? Alg { get; init; }

        public string? Error { get; init; }
    }
}
