using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liaison.Cli;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Node;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Liaison.Bench;

/// <summary>
/// A real node in this process: created with <c>init</c> in a temporary folder, served by Kestrel on a free loopback
/// port, on the bench's database (SQLite file, or a database of its own on the bench's PostgreSQL server), on the
/// real clock. Logging is off so the console carries only figures.
/// </summary>
internal sealed partial class BenchNode : IAsyncDisposable
{
    private readonly Action<WebApplicationBuilder>? _customize;
    private WebApplication? _app;

    private BenchNode(string root, NodeSettings settings, InitNode.Result init, Action<WebApplicationBuilder>? customize)
    {
        Root = root;
        Settings = settings;
        Init = init;
        _customize = customize;
    }

    public string Root { get; }

    public NodeSettings Settings { get; private set; }

    public InitNode.Result Init { get; }

    public Uri Address => new(Settings.Urls!);

    public IServiceProvider Services => (_app ?? throw new InvalidOperationException("the node is stopped")).Services;

    public string DataDirectory => Settings.Folder.Path;

    /// <summary>What names this node's database in a connection: its SQLite file's folder, or its PostgreSQL database.</summary>
    public string DatabaseMarker => Settings.Database.Provider == DatabaseProvider.Sqlite
        ? DataDirectory
        : new Npgsql.NpgsqlConnectionStringBuilder(Settings.Database.ConnectionString).Database!;

    /// <summary>Initializes a node folder (and its database) without starting it.</summary>
    public static async Task<BenchNode> CreateAsync(BenchContext context, string party, string country, Action<WebApplicationBuilder>? customize = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = Directory.CreateTempSubdirectory("liaison-bench-").FullName;
        var data = Path.Combine(root, "node");
        var database = await context.NewDatabaseAsync();
        var init = await InitNode.RunAsync(
            new InitNode.Request(data, party, country, "admin", database?.Provider ?? DatabaseProvider.Sqlite, database?.ConnectionString),
            TimeProvider.System);
        var settings = new NodeSettings(NodeFolder.Open(data), database ?? DatabaseSettings.SqliteIn(data), "http://127.0.0.1:0");
        return new BenchNode(root, settings, init, customize);
    }

    public static async Task<BenchNode> StartAsync(BenchContext context, string party, string country, Action<WebApplicationBuilder>? customize = null)
    {
        var node = await CreateAsync(context, party, country, customize);
        await node.RestartAsync();
        return node;
    }

    public bool IsRunning => _app is not null;

    /// <summary>Starts (or starts again, on the same folder and port) the node.</summary>
    public async Task RestartAsync()
    {
        var app = NodeHost.Build(Settings, b =>
        {
            b.Logging.ClearProviders();
            _customize?.Invoke(b);
        });
        await NodeHost.MigrateAsync(app.Services);
        await app.StartAsync();
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Settings = Settings with { Urls = address };
    }

    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }

    public async Task<T> WithDbAsync<T>(Func<LiaisonDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>());
    }

    /// <summary>Makes <paramref name="other"/> a trusted partner of this node, as <c>liaison pair</c> leaves them.</summary>
    public async Task PinAsync(BenchNode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var otherSelf = await other.WithDbAsync(db => db.Parties.AsNoTracking().SelfAsync());
        var key = other.Services.GetRequiredService<NodeKey>();
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var party = new Party(otherSelf.StixId, otherSelf.Name, otherSelf.Country, isSelf: false, now);
        var partner = new Partner(party, other.Address, key.PublicKey, key.Fingerprint, null, false, now);
        partner.Trust(now);
        db.Add(partner);
        await db.SaveChangesAsync();
        await Feed.BackfillAsync(db, TimeProvider.System, partner.Id, default);
    }

    /// <summary>Starts two nodes (A in Pakistan, B in Iran) and pins each as the other's partner.</summary>
    public static async Task<(BenchNode A, BenchNode B)> PairAsync(BenchContext context, Action<WebApplicationBuilder>? customizeA = null, Action<WebApplicationBuilder>? customizeB = null)
    {
        var a = await StartAsync(context, "Pakistan border desk (bench)", "PK", customizeA);
        var b = await StartAsync(context, "Iran border desk (bench)", "IR", customizeB);
        await a.PinAsync(b);
        await b.PinAsync(a);
        return (a, b);
    }

    /// <summary>
    /// Adds a user through the CLI, signs in once to replace the one-time password, and answers an HTTP client that
    /// carries an API token of theirs (also good for the desk hub).
    /// </summary>
    public async Task<(HttpClient Client, string Token)> UserAsync(string userName, string role)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await LiaisonCli.RunAsync(["users", "add", "--data", DataDirectory, "--user", userName, "--role", role], output, error, TimeProvider.System);
        if (code != 0)
        {
            throw new InvalidOperationException($"users add failed: {error}");
        }

        var oneTime = OneTimePassword().Match(output.ToString()).Groups[1].Value;
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };
        (await browser.PostAsJsonAsync("/api/account/sign-in", new { userName, password = oneTime })).EnsureSuccessStatusCode();
        const string password = "a long enough bench passphrase";
        (await browser.PostAsJsonAsync("/api/account/password", new { currentPassword = oneTime, newPassword = password })).EnsureSuccessStatusCode();
        var created = await browser.PostAsJsonAsync("/api/account/tokens", new { name = "bench", expiresInDays = 1 });
        created.EnsureSuccessStatusCode();
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (client, token);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Litter in /tmp is no reason to fail a run.
        }
    }

    [GeneratedRegex(@"one-time password (\S+)")]
    private static partial Regex OneTimePassword();
}
