using System.Net;
using Liaison.Exchange.Tls;
using Liaison.Node;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Tests.Exchange.Tls;

/// <summary>A node served by Kestrel on https and http loopback ports at once, with the certificate <c>init</c> made.</summary>
public sealed class HttpsNode : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("liaison-https-").FullName;
    private WebApplication? _app;

    public InitNode.Result Init { get; private set; } = null!;

    public Uri Https { get; private set; } = null!;

    public Uri Http { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var data = Path.Combine(_root, "node");
        var time = new FakeTimeProvider(TestNode.Start);
        Init = await InitNode.RunAsync(new InitNode.Request(data, "Https Party", "IR", "admin", DatabaseProvider.Sqlite, null), time);
        var settings = new NodeSettings(NodeFolder.Open(data), DatabaseSettings.SqliteIn(data), "https://127.0.0.1:0;http://127.0.0.1:0");
        _app = NodeHost.Build(settings, b => b.Services.AddSingleton<TimeProvider>(time));
        await NodeHost.MigrateAsync(_app.Services);
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        Https = addresses.Single(a => a.Scheme == Uri.UriSchemeHttps);
        Http = addresses.Single(a => a.Scheme == Uri.UriSchemeHttp);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}

public sealed class HttpsNodeTests(HttpsNode node) : IClassFixture<HttpsNode>
{
    [Fact]
    public async Task PinnedClient_ReachesTheNodeOverHttps()
    {
        using var client = new HttpClient(PinnedTls.CreateHandler(node.Init.TlsFingerprint)) { BaseAddress = node.Https };

        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PinnedClient_AcceptsThePinInCapitals()
    {
        var upper = "SHA256:" + node.Init.TlsFingerprint["SHA256:".Length..].ToUpperInvariant();
        using var client = new HttpClient(PinnedTls.CreateHandler(upper)) { BaseAddress = node.Https };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task PinnedClient_WithAnotherPin_IsRefusedTheConnection()
    {
        var wrong = "SHA256:" + new string('0', 64);
        using var client = new HttpClient(PinnedTls.CreateHandler(wrong)) { BaseAddress = node.Https };

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("/health/live", UriKind.Relative)));
    }

    [Fact]
    public async Task UnpinnedClient_RefusesTheSelfSignedCertificate()
    {
        using var client = new HttpClient(PinnedTls.CreateHandler(null)) { BaseAddress = node.Https };

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("/health/live", UriKind.Relative)));
    }

    [Fact]
    public async Task DiscoveryClient_AcceptsTheCertificate_AndReportsItsFingerprint()
    {
        using var handler = PinnedTls.CreateDiscoveryHandler();
        using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = node.Https };
        Assert.Null(handler.ObservedFingerprint);

        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(node.Init.TlsFingerprint, handler.ObservedFingerprint);
    }

    [Fact]
    public async Task DiscoveryClient_OverHttp_ObservesNothing()
    {
        using var handler = PinnedTls.CreateDiscoveryHandler();
        using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = node.Http };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        Assert.Null(handler.ObservedFingerprint);
    }

    [Fact]
    public async Task TheNodeServesTheLoadedCertificate_AndKeepsHttpOnLoopback()
    {
        Assert.Equal(node.Init.TlsFingerprint, node.Services.GetRequiredService<NodeTls>().Fingerprint);
        using var client = new HttpClient { BaseAddress = node.Http };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }
}
