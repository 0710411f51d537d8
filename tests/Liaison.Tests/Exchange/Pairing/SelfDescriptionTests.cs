using Liaison.Exchange.Pairing;

namespace Liaison.Tests.Exchange.Pairing;

/// <summary>The address a node states in its self-description, whether the CLI or the running desk starts the pairing.</summary>
public sealed class SelfDescriptionTests
{
    [Theory]
    [InlineData("https://liaison.pk.example:8443", "https://liaison.pk.example:8443/")]
    [InlineData("http://0.0.0.0:8080;https://10.1.2.3:8443/", "https://10.1.2.3:8443/")]
    [InlineData("http://127.0.0.1:0;http://127.0.0.1:41234", "http://127.0.0.1:41234/")]
    [InlineData("http://[::]:8080", null)]
    [InlineData("http://+:8080;http://*:8081", null)]
    [InlineData(null, null)]
    public void AdvertisedUrl_IsTheFirstAddressAPartnerCouldUse(string? urls, string? expected) =>
        Assert.Equal(expected, SelfDescription.AdvertisedUrl(urls)?.ToString());
}
