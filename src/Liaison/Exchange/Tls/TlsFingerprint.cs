using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Liaison.Protocol.Signing;

namespace Liaison.Exchange.Tls;

/// <summary>
/// A certificate's fingerprint as partners pin it: <c>SHA256:</c> and the lowercase hex SHA-256 of the DER
/// certificate (RFC 5280 §4.1), the same notation as <see cref="NodeKey.Fingerprint"/>.
/// </summary>
public static class TlsFingerprint
{
    private const int HexLength = 64;

    public static string Of(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return NodeKey.FingerprintPrefix + Convert.ToHexStringLower(SHA256.HashData(certificate.GetRawCertData()));
    }

    public static bool IsWellFormed(string? fingerprint) =>
        fingerprint is not null
        && fingerprint.Length == NodeKey.FingerprintPrefix.Length + HexLength
        && fingerprint.StartsWith(NodeKey.FingerprintPrefix, StringComparison.Ordinal)
        && fingerprint[NodeKey.FingerprintPrefix.Length..].All(char.IsAsciiHexDigit);

    /// <summary>Hex digits compare case-insensitively, so a pin typed in capitals still matches.</summary>
    public static bool Matches(X509Certificate certificate, string pinnedFingerprint) =>
        string.Equals(Of(certificate), pinnedFingerprint, StringComparison.OrdinalIgnoreCase);
}
