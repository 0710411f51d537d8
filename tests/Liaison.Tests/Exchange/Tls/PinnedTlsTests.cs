using Liaison.Exchange.Tls;

namespace Liaison.Tests.Exchange.Tls;

public sealed class PinnedTlsTests
{
    [Theory]
    [InlineData("")]
    [InlineData("SHA256:abc")]
    [InlineData("sha256:0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("SHA256:zz00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")]
    public void CreateHandler_WithAMalformedPin_Throws(string pin) =>
        Assert.Throws<ArgumentException>(() => PinnedTls.CreateHandler(pin));

    [Fact]
    public void CreateHandler_WithoutAPin_LeavesValidationToThePlatform()
    {
        using var handler = PinnedTls.CreateHandler(null);
        Assert.Null(handler.SslOptions.RemoteCertificateValidationCallback);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", false)]
    [InlineData("https://0.0.0.0:443", true)]
    [InlineData("http://127.0.0.1:0; HTTPS://[::]:8443", true)]
    [InlineData(null, false)]
    public void ServesHttps_LooksForAnHttpsUrl(string? urls, bool expected) =>
        Assert.Equal(expected, TlsHosting.ServesHttps(urls));
}
