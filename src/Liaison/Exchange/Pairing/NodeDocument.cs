using System.Text.Json;
using Liaison.Features.Parties;
using Liaison.Protocol.Signing;
using Liaison.Protocol.Stix;
using Liaison.Storage;

namespace Liaison.Exchange.Pairing;

/// <summary>
/// A node's signed self-description, served at <c>GET /exchange/node</c> and sent with <c>POST /exchange/pair</c>:
/// who the node speaks for and the keys a partner pins. Pairing trusts it only after the key's fingerprint matched
/// the one the two administrators exchanged out of band (DESIGN §3) and the document's signature verified with that key.
/// </summary>
/// <param name="PartyName">The party's name as its node states it.</param>
/// <param name="PartyIdentity">The STIX <c>identity</c> id the party's records name in <c>created_by_ref</c> (STIX 2.1 §3.2).</param>
/// <param name="Country">ISO 3166-1 alpha-2, upper case.</param>
/// <param name="PublicKey">The raw 32-byte Ed25519 public key (RFC 8032 §5.1.5), base64.</param>
/// <param name="KeyFingerprint"><c>SHA256:</c> and the lowercase hex SHA-256 of the raw public key.</param>
/// <param name="TlsFingerprint">The served TLS certificate's fingerprint; null when answering over plain http.</param>
/// <param name="BaseUrl">The address the node believes it has, ending in <c>/</c>; null when unknown (a CLI does not listen).</param>
/// <param name="TaxiiDiscoveryUrl">TAXII 2.1 discovery (§4.1) under <paramref name="BaseUrl"/>.</param>
public sealed record NodeDocument(
    string PartyIdentity,
    string PartyName,
    string Country,
    string PublicKey,
    string KeyFingerprint,
    string? TlsFingerprint,
    string? BaseUrl,
    string? TaxiiDiscoveryUrl)
{
    public const string Path = "/exchange/node";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public static async Task<NodeDocument> DescribeAsync(LiaisonDbContext db, NodeKey key, string? tlsFingerprint, Uri? baseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        var self = await db.Parties.SelfAsync(cancellationToken);
        return new NodeDocument(
            self.StixId, self.Name, self.Country, Convert.ToBase64String(key.PublicKey), key.Fingerprint, tlsFingerprint,
            baseUrl?.ToString(), baseUrl is null ? null : new Uri(baseUrl, ExchangeCollection.DiscoveryPath.TrimStart('/')).ToString());
    }

    /// <summary>Reads a document a partner sent; null when the text is not one.</summary>
    public static NodeDocument? Read(ReadOnlySpan<byte> utf8)
    {
        try
        {
            return JsonSerializer.Deserialize<NodeDocument>(utf8, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The raw public key, when <see cref="PublicKey"/> is base64 of 32 bytes.</summary>
    public byte[]? RawPublicKey()
    {
        var buffer = new byte[32];
        return Convert.TryFromBase64String(PublicKey ?? "", buffer, out var written) && written == buffer.Length ? buffer : null;
    }

    /// <summary>What is wrong with a received document, or null when every field is usable.</summary>
    public string? Problem()
    {
        if (!StixId.TryParse(PartyIdentity, out var identity) || identity.Type != Identity.TypeName)
        {
            return $"partyIdentity '{PartyIdentity}' is not a STIX identity id";
        }

        if (string.IsNullOrWhiteSpace(PartyName) || PartyName.Length > 200)
        {
            return "partyName is missing or longer than 200 characters";
        }

        if (Country is not { Length: 2 } || !Country.All(char.IsAsciiLetterUpper))
        {
            return $"country '{Country}' is not an ISO 3166-1 alpha-2 code";
        }

        if (RawPublicKey() is not { } raw)
        {
            return "publicKey is not a base64 Ed25519 public key (32 bytes)";
        }

        if (!string.Equals(NodeKey.ComputeFingerprint(raw), KeyFingerprint, StringComparison.OrdinalIgnoreCase))
        {
            return "keyFingerprint is not the fingerprint of publicKey";
        }

        return TlsFingerprint is null || Tls.TlsFingerprint.IsWellFormed(TlsFingerprint)
            ? null
            : $"tlsFingerprint '{TlsFingerprint}' is not SHA256:<64 hex digits>";
    }
}
