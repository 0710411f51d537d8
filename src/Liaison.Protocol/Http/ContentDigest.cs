using System.Security.Cryptography;

namespace Liaison.Protocol.Http;

/// <summary>A digest algorithm that Liaison computes and accepts in <c>Content-Digest</c> (RFC 9530 §5).</summary>
public enum ContentDigestAlgorithm
{
    /// <summary><c>sha-256</c>, the RFC 9530 §5 "standard" algorithm.</summary>
    Sha256 = 0,

    /// <summary><c>sha-512</c>, also "standard" in RFC 9530 §5.</summary>
    Sha512 = 1,
}

/// <summary>The outcome of checking a received <c>Content-Digest</c> against a body.</summary>
public enum ContentDigestCheck
{
    /// <summary>Every supported digest listed matches the body.</summary>
    Valid = 0,

    /// <summary>The header is absent or empty.</summary>
    Missing = 1,

    /// <summary>The header is not a structured dictionary of byte sequences (RFC 9530 §2).</summary>
    Malformed = 2,

    /// <summary>The header lists only algorithms Liaison does not accept (for example the insecure <c>md5</c>).</summary>
    NoSupportedAlgorithm = 3,

    /// <summary>A supported digest does not match the body.</summary>
    Mismatch = 4,
}

/// <summary>
/// The <c>Content-Digest</c> field (RFC 9530 §2): a structured dictionary from algorithm name to the
/// digest of the message content as a byte sequence, for example <c>sha-256=:X48E…BPE=:</c>.
/// Signing this field (RFC 9421 §7.2.8) is what binds a signature to the body.
/// </summary>
public static class ContentDigest
{
    /// <summary>The field name, lower-cased as RFC 9421 §2.1 covers it.</summary>
    public const string FieldName = "content-digest";

    /// <summary>Computes the field value for a body.</summary>
    /// <param name="body">The message content (after any content coding, RFC 9530 §2).</param>
    /// <param name="algorithm">The digest algorithm.</param>
    /// <returns>For example <c>sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:</c>.</returns>
    public static string Compute(ReadOnlySpan<byte> body, ContentDigestAlgorithm algorithm = ContentDigestAlgorithm.Sha256) =>
        $"{Name(algorithm)}=:{Convert.ToBase64String(Hash(algorithm, body))}:";

    /// <summary>
    /// Checks a received field value against a body. Unknown algorithms are ignored (RFC 9530 §2
    /// lets a recipient pick); every supported algorithm listed must match, so a sender cannot pair
    /// a correct sha-256 with a wrong sha-512 and have the weaker check chosen.
    /// </summary>
    /// <param name="fieldValue">The received value; several field lines joined with <c>", "</c>.</param>
    /// <param name="body">The received content.</param>
    /// <returns>Never throws on hostile input; the result says what failed.</returns>
    public static ContentDigestCheck Verify(string? fieldValue, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrWhiteSpace(fieldValue))
        {
            return ContentDigestCheck.Missing;
        }

        IReadOnlyList<KeyValuePair<string, SfMember>> members;
        try
        {
            members = StructuredFields.ParseDictionary(fieldValue);
        }
        catch (FormatException)
        {
            return ContentDigestCheck.Malformed;
        }

        var checkedAny = false;
        foreach (var (name, member) in members)
        {
            if (member is not SfItem { Value: byte[] digest })
            {
                return ContentDigestCheck.Malformed;
            }

            if (!TryParseName(name, out var algorithm))
            {
                continue;
            }

            if (!CryptographicOperations.FixedTimeEquals(digest, Hash(algorithm, body)))
            {
                return ContentDigestCheck.Mismatch;
            }

            checkedAny = true;
        }

        return checkedAny ? ContentDigestCheck.Valid : ContentDigestCheck.NoSupportedAlgorithm;
    }

    private static string Name(ContentDigestAlgorithm algorithm) => algorithm switch
    {
        ContentDigestAlgorithm.Sha256 => "sha-256",
        ContentDigestAlgorithm.Sha512 => "sha-512",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unsupported digest algorithm."),
    };

    private static bool TryParseName(string name, out ContentDigestAlgorithm algorithm)
    {
        // RFC 9530 §5 registry names are lowercase; the dictionary parser already refuses uppercase keys.
        switch (name)
        {
            case "sha-256":
                algorithm = ContentDigestAlgorithm.Sha256;
                return true;
            case "sha-512":
                algorithm = ContentDigestAlgorithm.Sha512;
                return true;
            default:
                algorithm = default;
                return false;
        }
    }

    private static byte[] Hash(ContentDigestAlgorithm algorithm, ReadOnlySpan<byte> body) => algorithm switch
    {
        ContentDigestAlgorithm.Sha256 => SHA256.HashData(body),
        ContentDigestAlgorithm.Sha512 => SHA512.HashData(body),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unsupported digest algorithm."),
    };
}
