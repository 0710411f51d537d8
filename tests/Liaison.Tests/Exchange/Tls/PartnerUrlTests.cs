using Liaison.Exchange.Tls;

namespace Liaison.Tests.Exchange.Tls;

public sealed class PartnerUrlTests
{
    [Theory]
    [InlineData("https://liaison.example.org", false, "https://liaison.example.org/")]
    [InlineData("  HTTPS://Liaison.Example.org:443/  ", false, "https://liaison.example.org/")]
    [InlineData("https://liaison.example.org:8443/node", false, "https://liaison.example.org:8443/node/")]
    [InlineData("https://192.0.2.7/", false, "https://192.0.2.7/")]
    [InlineData("http://127.0.0.1:5080", false, "http://127.0.0.1:5080/")]
    [InlineData("http://127.10.20.30", false, "http://127.10.20.30/")]
    [InlineData("http://[::1]:5080/", false, "http://[::1]:5080/")]
    [InlineData("http://localhost:5080", false, "http://localhost:5080/")]
    [InlineData("http://LOCALHOST", false, "http://localhost/")]
    [InlineData("http://liaison.example.org", true, "http://liaison.example.org/")]
    [InlineData("http://10.0.0.5:5080", true, "http://10.0.0.5:5080/")]
    public void Validate_Accepts_AndNormalises(string url, bool allowInsecure, string expected)
    {
        var check = PartnerUrl.Validate(url, allowInsecure);

        Assert.True(check.IsValid, check.Error);
        Assert.Equal(expected, check.Url.ToString());
        Assert.Null(check.Error);
    }

    [Theory]
    [InlineData("http://liaison.example.org", "--insecure-http")]
    [InlineData("http://10.0.0.5:5080", "--insecure-http")]
    [InlineData("http://128.0.0.1", "--insecure-http")]
    [InlineData("http://localhost.example.org", "--insecure-http")]
    [InlineData("http://[::2]", "--insecure-http")]
    [InlineData("ftp://liaison.example.org", "must be https")]
    [InlineData("file:///etc/passwd", "not an absolute URL")]
    [InlineData("/taxii2/", "not an absolute URL")]
    [InlineData("liaison.example.org", "not an absolute URL")]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData(null, "empty")]
    [InlineData("https://user:secret@liaison.example.org/", "user name or password")]
    [InlineData("https://liaison.example.org/?a=1", "query or fragment")]
    [InlineData("https://liaison.example.org/#top", "query or fragment")]
    public void Validate_Refuses_AndSaysWhy(string? url, string mentioned)
    {
        var check = PartnerUrl.Validate(url, allowInsecure: false);

        Assert.False(check.IsValid);
        Assert.Null(check.Url);
        Assert.Contains(mentioned, check.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://liaison.example.org")]
    [InlineData("https://user:secret@liaison.example.org/")]
    public void Validate_WithInsecureAllowed_StillRefusesWhatIsNotAboutEncryption(string url) =>
        Assert.False(PartnerUrl.Validate(url, allowInsecure: true).IsValid);
}
