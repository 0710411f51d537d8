using System.Text;
using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;

namespace Liaison.Protocol.Tests.Http;

/// <summary>Shared material for signature tests: the RFC 9421 test key and a Liaison-style request and response.</summary>
internal static class SigningFixture
{
    // RFC 9421 Appendix B.1.4 test-key-ed25519.
    public const string TestKeyPem = """
        -----BEGIN PRIVATE KEY-----
        MC4CAQAwBQYDK2VwBCIEIJ+DYvh6SEqVTm50DFtMDoQikTmiCqirVv9mWG9qfSnF
        -----END PRIVATE KEY-----
        """;

    public const string TestPublicKeySpki = "MCowBQYDK2VwAyEAJrQLj5P/89iXES9+vFgrIy29clF9CC/oPPsw3c5D0bs=";

    public const string KeyId = "partner-a";

    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static readonly string[] RequestComponents = ["@method", "@target-uri", "content-digest"];

    public static readonly string[] ResponseComponents = ["@status", "content-digest"];

    public static byte[] TestPublicKeyRaw => Convert.FromBase64String(TestPublicKeySpki)[12..];

    public static byte[] Body(string text = "{\"type\":\"bundle\",\"id\":\"bundle--1\"}") => Encoding.UTF8.GetBytes(text);

    public static SignedMessage Request(byte[]? body = null, string method = "POST", string uri = "https://partner.example/taxii2/api/collections/c1/objects/")
    {
        body ??= Body();
        var headers = new HttpFieldCollection
        {
            { "Content-Type", "application/taxii+json;version=2.1" },
            { "Content-Digest", ContentDigest.Compute(body) },
        };
        return SignedMessage.Request(method, new Uri(uri), headers, body);
    }

    public static SignedMessage Response(byte[]? body = null)
    {
        body ??= Body("{\"id\":\"status--1\",\"status\":\"complete\"}");
        var headers = new HttpFieldCollection
        {
            { "Content-Type", "application/taxii+json;version=2.1" },
            { "Content-Digest", ContentDigest.Compute(body, ContentDigestAlgorithm.Sha512) },
        };
        return SignedMessage.Response(200, headers, body);
    }

    /// <summary>A copy of <paramref name="message"/> carrying the signature fields, as the receiver sees it.</summary>
    public static SignedMessage WithSignature(SignedMessage message, SignatureHeaders signature, byte[]? body = null)
    {
        var headers = new HttpFieldCollection();
        foreach (var (name, value) in message.Headers)
        {
            headers.Add(name, value);
        }

        signature.AddTo(headers);
        var received = message.IsRequest
            ? SignedMessage.Request(message.Method!, message.TargetUri!, headers)
            : SignedMessage.Response(message.Status!.Value, headers, relatedRequest: message.RelatedRequest);
        return received with { Body = body ?? message.Body };
    }

    public static SignatureHeaders Sign(SignedMessage message, NodeKey key, IReadOnlyList<string>? covered = null, DateTimeOffset? created = null, string? nonce = null) =>
        HttpMessageSignatures.Sign(
            message, "sig1", covered ?? (message.IsRequest ? RequestComponents : ResponseComponents),
            created ?? Now, nonce ?? HttpMessageSignatures.CreateNonce(), KeyId, key);
}
