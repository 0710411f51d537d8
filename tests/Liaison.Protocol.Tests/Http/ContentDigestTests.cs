using System.Text;
using Liaison.Protocol.Http;

namespace Liaison.Protocol.Tests.Http;

public class ContentDigestTests
{
    // RFC 9530 §2 and RFC 9421 Appendix B.2 use this body.
    private static readonly byte[] Hello = Encoding.UTF8.GetBytes("{\"hello\": \"world\"}");

    private const string HelloSha256 = "sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:";
    private const string HelloSha512 = "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:";

    [Fact]
    public void Compute_Sha256_MatchesRfc9530Example() =>
        Assert.Equal(HelloSha256, ContentDigest.Compute(Hello));

    [Fact]
    public void Compute_Sha512_MatchesRfc9421AppendixB2Request() =>
        Assert.Equal(HelloSha512, ContentDigest.Compute(Hello, ContentDigestAlgorithm.Sha512));

    [Fact]
    public void Compute_Sha512_MatchesRfc9421AppendixB2Response() =>
        Assert.Equal(
            "sha-512=:mEWXIS7MaLRuGgxOBdODa3xqM1XdEvxoYhvlCFJ41QJgJc4GTsPp29l5oGX69wWdXymyU0rjJuahq4l5aGgfLQ==:",
            ContentDigest.Compute(Encoding.UTF8.GetBytes("{\"message\": \"good dog\"}"), ContentDigestAlgorithm.Sha512));

    [Theory]
    [InlineData(HelloSha256)]
    [InlineData(HelloSha512)]
    [InlineData(HelloSha256 + ", " + HelloSha512)]
    [InlineData("md5=:Sd/dVLAcvNLSq16eXua5uQ==:, " + HelloSha256)]
    public void Verify_AnySupportedAlgorithm_IsAccepted(string header) =>
        Assert.Equal(ContentDigestCheck.Valid, ContentDigest.Verify(header, Hello));

    [Fact]
    public void Verify_TamperedBody_IsMismatch() =>
        Assert.Equal(ContentDigestCheck.Mismatch, ContentDigest.Verify(HelloSha256, Encoding.UTF8.GetBytes("{\"hello\": \"World\"}")));

    [Fact]
    public void Verify_OneWrongAmongTwo_IsMismatch() =>
        Assert.Equal(
            ContentDigestCheck.Mismatch,
            ContentDigest.Verify(HelloSha256 + ", sha-512=:" + Convert.ToBase64String(new byte[64]) + ":", Hello));

    [Fact]
    public void Verify_OnlyUnsupportedAlgorithms_IsRefused() =>
        Assert.Equal(ContentDigestCheck.NoSupportedAlgorithm, ContentDigest.Verify("md5=:Sd/dVLAcvNLSq16eXua5uQ==:", Hello));

    [Theory]
    [InlineData("sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=")]
    [InlineData("sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=")]
    [InlineData("SHA-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:")]
    [InlineData("sha-256=\"X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\"")]
    public void Verify_MalformedHeader_IsMalformed(string header) =>
        Assert.Equal(ContentDigestCheck.Malformed, ContentDigest.Verify(header, Hello));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Verify_NoHeader_IsMissing(string? header) =>
        Assert.Equal(ContentDigestCheck.Missing, ContentDigest.Verify(header, Hello));
}
