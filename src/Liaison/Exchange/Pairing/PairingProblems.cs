using System.Text.Json;

namespace Liaison.Exchange.Pairing;

/// <summary>Reads the RFC 9457 problems a partner's signature layer answers with before any endpoint runs.</summary>
public static class PairingProblems
{
    /// <summary>The <c>reason</c> the signature layer gives when the signing key is not pinned there.</summary>
    public const string UnknownKey = "unknown-key";

    /// <summary>The <c>reason</c> it gives when the key is pinned but its administrator suspended the link.</summary>
    public const string Suspended = "suspended";

    /// <summary>
    /// The <c>reason</c> member of a problem document (see <c>SignatureMiddleware</c>), or null. Only this exact
    /// member is read, so no other 401 (bad signature, stale, replayed) is ever taken for "not paired yet".
    /// </summary>
    public static string? ReasonOf(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("reason", out var reason)
                && reason.ValueKind == JsonValueKind.String
                    ? reason.GetString()
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
