using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Cli;
using Liaison.Node;
using Liaison.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Liaison.Tests.Infrastructure;

/// <summary>
/// A real node: created with <c>init</c> in a temporary folder, served by Kestrel on a free loopback port,
/// on SQLite or on a throw-away PostgreSQL database. Time is a <see cref="FakeTimeProvider"/> the test moves; the
/// due-work timer does not run by itself (see <c>LaunchAsync</c>).
/// </summary>
public sealed class TestNode : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private WebApplication _app;

    private TestNode(WebApplication app, string root, NodeSettings settings, InitNode.Result init, FakeTimeProvider time, Uri address)
    {
        _app = app;
        Root = root;
        Settings = settings;
        Init = init;
        Time = time;
        Address = address;
    }

    public string Root { get; }

    public NodeSettings Settings { get; }

    public InitNode.Result Init { get; }

    public FakeTimeProvider Time { get; }

    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public string DataDirectory => Settings.Folder.Path;

    public static async Task<TestNode> StartAsync(DatabaseSettings? postgres = null, string party = "Test Party", string country = "PK", Action<WebApplicationBuilder>? customize = null)
    {
        var root = Directory.CreateTempSubdirectory("liaison-test-").FullName;
        var data = Path.Combine(root, "node");
        var time = new FakeTimeProvider(Start);
        var init = await InitNode.RunAsync(
            new InitNode.Request(data, party, country, "admin", postgres?.Provider ?? DatabaseProvider.Sqlite, postgres?.ConnectionString),
            time);
        var folder = NodeFolder.Open(data);
        var settings = new NodeSettings(folder, postgres ?? DatabaseSettings.SqliteIn(data), "http://127.0.0.1:0");
        var app = await LaunchAsync(settings, time, customize);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestNode(app, root, settings with { Urls = address }, init, time, new Uri(address)) { _customize = customize };
    }

    private Action<WebApplicationBuilder>? _customize;

    /// <summary>Stops the node as a crash would leave it: nothing flushed beyond what was committed.</summary>
    public async Task StopAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        IsRunning = false;
    }

    /// <summary>Starts the node again on the same data folder and port.</summary>
    public async Task RestartAsync()
    {
        _app = await LaunchAsync(Settings, Time, _customize);
        IsRunning = true;
    }

    public bool IsRunning { get; private set; } = true;

    private static async Task<WebApplication> LaunchAsync(NodeSettings settings, FakeTimeProvider time, Action<WebApplicationBuilder>? customize)
    {
        var app = NodeHost.Build(settings, b =>
        {
            b.Services.AddSingleton<TimeProvider>(time);
            // The due-work timer would tick on every Advance of the fake clock and race the test's own runs of the
            // deadline and escalation work (which step fired at which `now`, which run found it); tests drive it
            // themselves, and one that wants the background timer sets Timers:RunInBackground=true in customize.
            b.Configuration["Timers:RunInBackground"] = "false";
            customize?.Invoke(b);
        });
        await NodeHost.MigrateAsync(app.Services);
        await app.StartAsync();
        return app;
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Client() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };

    public string Totp(string sharedKey) => new Totp(Base32Encoding.ToBytes(sharedKey)).ComputeTotp(Time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Takes the first administrator through everything a first sign-in demands: the one-time password,
    /// a new password, two-factor enrolment. Returns the signed-in client and the authenticator key.
    /// </summary>
    public async Task<(HttpClient Client, string SharedKey, string Password)> SignInAdministratorAsync()
    {
        var client = Client();
        var first = await client.PostAsJsonAsync("/api/account/sign-in", new { userName = Init.AdminUserName, password = Init.AdminPassword });
        await Expect.StatusAsync(HttpStatusCode.OK, first);
        Assert.Equal("password-change-required", await Expect.StateAsync(first));

        const string password = "a long enough new passphrase";
        await Expect.StatusAsync(HttpStatusCode.NoContent, await client.PostAsJsonAsync("/api/account/password", new { currentPassword = Init.AdminPassword, newPassword = password }));

        var enrol = await client.PostAsync("/api/account/two-factor/enrolment", null);
        await Expect.StatusAsync(HttpStatusCode.OK, enrol);
        var key = (await enrol.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("sharedKey").GetString()!;
        await Expect.StatusAsync(HttpStatusCode.NoContent, await client.PostAsJsonAsync("/api/account/two-factor/enrolment/confirm", new { code = Totp(key) }));
        return (client, key, password);
    }

    /// <summary>Runs a CLI verb against this node's data folder, as the <c>liaison</c> binary would.</summary>
    public Task<CliRun> CliAsync(params string[] args) => CliRun.RunAsync(Time, args);

    public async ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            await StopAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS only leaves litter in /tmp; never fail a test for it.
        }
    }
}

/// <summary>The outcome of one CLI invocation.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> RunAsync(TimeProvider time, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await LiaisonCli.RunAsync(args, output, error, time);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

public static class Expect
{
    public static async Task StatusAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != expected)
        {
            Assert.Fail($"expected {(int)expected} {expected} from {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task<string?> StateAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString();
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await StatusAsync(status, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
