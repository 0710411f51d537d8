using System.Text.Json;

namespace Liaison.Exchange.Pairing;

/// <summary>Reads the RFC 9457 problem a partner's signature layer answers with when it does not know the signing key.</summary>
public static class PairingProblems
{
    /// <summary>The problem <c>type</c> (RFC 9457 §3.1.1) the signature layer uses for a key that is not pinned.</summary>
    public const string UnknownKeyType = "unknown-key";

    /// <summary>
    /// True only for a problem document whose <c>type</c> names an unknown key: any other 401 (bad signature, stale,
    /// replayed) is a real failure, never read as "the partner has not paired yet".
    /// </summary>
    public static bool IsUnknownKey(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("type", out var type)
                && type.ValueKind == JsonValueKind.String
                && type.GetString() is { } value
                && (value == UnknownKeyType || value.EndsWith("/" + UnknownKeyType, StringComparison.Ordinal) || value.EndsWith("#" + UnknownKeyType, StringComparison.Ordinal));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
