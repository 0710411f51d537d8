using Liaison.Exchange;
using Liaison.Exchange.Tls;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Liaison.Tests.Exchange.Tls;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange.Pairing;

/// <summary>Pairing with a node served over https on its self-signed certificate: the certificate seen is pinned.</summary>
public sealed class PairingOverHttpsTests(HttpsNode partner) : IClassFixture<HttpsNode>
{
    [Fact]
    public async Task Pair_PinsTheCertificateSeenOnTheConnection_WhichTheSignedDescriptionNames()
    {
        await using var node = await TestNode.StartAsync();
        var fingerprint = partner.Services.GetRequiredService<NodeKey>().Fingerprint;
        var run = await node.CliAsync("pair", "--data", node.DataDirectory, "--partner-url", partner.Https.ToString(), "--partner-fingerprint", fingerprint);
        Assert.True(run.ExitCode == 0, run.Error + run.Output);

        var certificate = partner.Services.GetRequiredService<NodeTls>().Fingerprint;
        Assert.Contains($"tls       {certificate} pinned", run.Output, StringComparison.Ordinal);
        using var scope = node.Services.CreateScope();
        var pinned = await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Partners.AsNoTracking().SingleAsync();
        Assert.Equal(certificate, pinned.TlsFingerprint);
        Assert.Equal(PartnerState.Pending, pinned.State);
        Assert.False(pinned.AllowInsecureHttp);
    }
}
