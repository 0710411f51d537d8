using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Liaison.Protocol.Taxii;

/// <summary>
/// The opaque <c>next</c> value of an envelope (TAXII 2.1 §3.4, §3.7): where the next page starts, bound to the
/// filters of the query that produced it, written as base64url without padding.
/// </summary>
/// <remarks>
/// <para>
/// The filter fingerprint lets a server refuse a token replayed with different filters (§3.5 pages "with the same
/// original query options"). A checksum catches corrupted or hand-edited tokens so they are refused rather than
/// silently resuming elsewhere.
/// </para>
/// <para>
/// The token is not signed and grants nothing: a made-up position reaches no more than <c>added_after</c> already
/// does, so the server must apply its access rules to every page as to any query.
/// </para>
/// </remarks>
public sealed record TaxiiPageToken
{
    /// <summary>The longest fingerprint, in UTF-8 bytes, a token can carry.</summary>
    public const int MaxFingerprintBytes = 64;

    private const byte FormatVersion = 1;
    private const int HeaderLength = 1 + sizeof(long) + 1;
    private const int ChecksumLength = 4;
    private const int MaxEncodedLength = 128;

    /// <summary>Creates a token.</summary>
    /// <param name="position">The server's sequence position at which to resume; zero or more.</param>
    /// <param name="filterFingerprint">Identifies the filters the token belongs to, such as <see cref="TaxiiFilters.Fingerprint"/>; at most <see cref="MaxFingerprintBytes"/> UTF-8 bytes.</param>
    /// <exception cref="ArgumentOutOfRangeException">The position is negative, or the fingerprint too long.</exception>
    public TaxiiPageToken(long position, string filterFingerprint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentNullException.ThrowIfNull(filterFingerprint);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Encoding.UTF8.GetByteCount(filterFingerprint), MaxFingerprintBytes, nameof(filterFingerprint));
        Position = position;
        FilterFingerprint = filterFingerprint;
    }

    /// <summary>The server's sequence position at which to resume.</summary>
    public long Position { get; }

    /// <summary>Identifies the filters the token was issued for.</summary>
    public string FilterFingerprint { get; }

    /// <summary>Whether the token was issued for the filters with this fingerprint.</summary>
    /// <param name="filterFingerprint">The fingerprint of the current request's filters.</param>
    public bool IsFor(string filterFingerprint) => string.Equals(FilterFingerprint, filterFingerprint, StringComparison.Ordinal);

    /// <summary>Reads a token without throwing.</summary>
    /// <param name="text">The <c>next</c> query parameter.</param>
    /// <param name="token">The token, when the text is one this class wrote and it is intact.</param>
    /// <returns><see langword="false"/> for anything else: garbage, padding, a damaged or truncated token.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out TaxiiPageToken? token)
    {
        token = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxEncodedLength || !text.All(IsBase64UrlChar))
        {
            return false;
        }

        // A length of 4n+1 is never base64; the decoder throws on it rather than returning false.
        Span<byte> bytes = stackalloc byte[MaxEncodedLength];
        int length;
        try
        {
            if (text.Length % 4 == 1 || !Base64Url.TryDecodeFromChars(text, bytes, out length))
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false;
        }

        bytes = bytes[..length];

        // Several texts decode to the same bytes when the unused low bits differ; accept only the one this class writes.
        if (length < HeaderLength + ChecksumLength || !string.Equals(Base64Url.EncodeToString(bytes), text, StringComparison.Ordinal))
        {
            return false;
        }

        var body = bytes[..^ChecksumLength];
        if (body[0] != FormatVersion || !bytes[^ChecksumLength..].SequenceEqual(Checksum(body)))
        {
            return false;
        }

        var position = BinaryPrimitives.ReadInt64BigEndian(body[1..]);
        var fingerprintLength = body[1 + sizeof(long)];
        if (position < 0 || fingerprintLength > MaxFingerprintBytes || body.Length != HeaderLength + fingerprintLength)
        {
            return false;
        }

        string fingerprint;
        try
        {
            fingerprint = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body[HeaderLength..]);
        }
        catch (ArgumentException)
        {
            return false;
        }

        token = new TaxiiPageToken(position, fingerprint);
        return true;
    }

    /// <summary>The token as base64url without padding, for the envelope's <c>next</c>.</summary>
    public override string ToString()
    {
        var fingerprint = Encoding.UTF8.GetBytes(FilterFingerprint);
        var bytes = new byte[HeaderLength + fingerprint.Length + ChecksumLength];
        bytes[0] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1), Position);
        bytes[1 + sizeof(long)] = (byte)fingerprint.Length;
        fingerprint.CopyTo(bytes.AsSpan(HeaderLength));
        Checksum(bytes.AsSpan(0, bytes.Length - ChecksumLength)).CopyTo(bytes.AsSpan(bytes.Length - ChecksumLength));
        return Base64Url.EncodeToString(bytes);
    }

    private static byte[] Checksum(ReadOnlySpan<byte> body) => SHA256.HashData(body)[..ChecksumLength];

    private static bool IsBase64UrlChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
