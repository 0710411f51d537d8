using Microsoft.Extensions.Time.Testing;
using FsCheck;
using FsCheck.Xunit;
using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;

namespace Liaison.Protocol.Tests.Http;

[Properties(MaxTest = 200)]
public sealed class HttpMessageSignaturesPropertyTests : IDisposable
{
    private const string PathChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~";

    private static readonly string[] Covered = ["@method", "@target-uri", "content-digest", "x-value"];

    private readonly NodeKey _key = NodeKey.Generate();

    public void Dispose() => _key.Dispose();

    [Property]
    public bool AnyHeaderValueAndUri_SurvivesSignThenVerify(string? value, string? path, string? query)
    {
        var message = Message(Printable(value), Segment(path), Segment(query));

        return Verify(message, Sign(message)).IsValid;
    }

    [Property]
    public bool AnyChangeToACoveredHeaderValue_Fails(string? value, PositiveInt position, PositiveInt replacement)
    {
        var original = Printable(value).Trim(' ', '\t');
        original = original.Length == 0 ? "x" : original;
        var index = position.Get % original.Length;
        var changed = ChangeChar(original, index, replacement.Get, c => c is > ' ' and <= '~');

        var signature = Sign(Message(original, "p", "q"));

        return Verify(Message(changed, "p", "q"), signature).Failure == SignatureFailure.BadSignature;
    }

    [Property]
    public bool AnyChangeToThePath_Fails(string? path, PositiveInt position, PositiveInt replacement)
    {
        var original = Segment(path);
        var index = position.Get % original.Length;
        var changed = ChangeChar(original, index, replacement.Get, c => PathChars.Contains(c, StringComparison.Ordinal));

        var signature = Sign(Message("v", original, "q"));

        return Verify(Message("v", changed, "q"), signature).Failure == SignatureFailure.BadSignature;
    }

    [Property]
    public bool AnyChangeToTheMethod_Fails(PositiveInt position, PositiveInt replacement)
    {
        var index = position.Get % 4;
        var changed = ChangeChar("POST", index, replacement.Get, char.IsAsciiLetterUpper);

        var signature = Sign(Message("v", "p", "q"));

        return Verify(Message("v", "p", "q", changed), signature).Failure == SignatureFailure.BadSignature;
    }

    private SignatureHeaders Sign(SignedMessage message) =>
        HttpMessageSignatures.Sign(message, "sig1", Covered, SigningFixture.Now, HttpMessageSignatures.CreateNonce(), SigningFixture.KeyId, _key);

    private SignatureVerificationResult Verify(SignedMessage message, SignatureHeaders signature)
    {
        var time = new FakeTimeProvider(SigningFixture.Now);
        return HttpMessageSignatures.Verify(
            SigningFixture.WithSignature(message, signature), null, id => id == SigningFixture.KeyId ? _key.PublicKey : null,
            time, VerificationPolicy.ForRequests, new NonceCache(time, TimeSpan.FromMinutes(10)));
    }

    private static SignedMessage Message(string value, string path, string query, string method = "POST")
    {
        var body = SigningFixture.Body();
        var headers = new HttpFieldCollection
        {
            { "Content-Digest", ContentDigest.Compute(body) },
            { "X-Value", value },
        };
        return SignedMessage.Request(method, new Uri($"https://partner.example/{path}?{query}"), headers, body);
    }

    // Field values are visible ASCII, spaces and tabs (RFC 9110 §5.5); anything else is mapped into that range.
    private static string Printable(string? text) =>
        new([.. (text ?? string.Empty).Select(c => c == '\t' ? c : (char)(' ' + (c % 95)))]);

    private static string Segment(string? text)
    {
        var mapped = new string([.. (text ?? string.Empty).Select(c => PathChars[c % PathChars.Length])]);
        return mapped.Length == 0 ? "a" : mapped;
    }

    private static string ChangeChar(string text, int index, int seed, Func<char, bool> allowed)
    {
        var candidates = Enumerable.Range(' ', 95).Select(i => (char)i).Where(c => allowed(c) && c != text[index]).ToArray();
        var chars = text.ToCharArray();
        chars[index] = candidates[seed % candidates.Length];
        return new string(chars);
    }
}
