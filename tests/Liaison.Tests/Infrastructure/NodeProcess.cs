using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Liaison.Node;
using Liaison.Storage;
using Microsoft.Data.Sqlite;

namespace Liaison.Tests.Infrastructure;

/// <summary>
/// A node run as the operator runs it: <c>dotnet liaison.dll serve</c> in its own OS process, on the real clock, on a
/// fixed loopback port (so a restart comes back where its partner expects it). The data folder is made with
/// <c>init</c> in the test process; configuration the node reads from its environment (e.g.
/// <c>Escalation__Ladders__flash__0__Delay</c>) is passed at every start. <see cref="KillAsync"/> is SIGKILL on Linux:
/// nothing runs in the node after it, so only what it committed survives.
/// </summary>
public sealed partial class NodeProcess : IAsyncDisposable
{
    private static readonly string Binary = Path.Combine(AppContext.BaseDirectory, "liaison.dll");

    private readonly ConcurrentQueue<string> _log = new();
    private Process? _process;

    private NodeProcess(string root, string data, InitNode.Result init, DatabaseSettings database, Uri address, IReadOnlyDictionary<string, string> environment)
    {
        Root = root;
        DataDirectory = data;
        Init = init;
        Database = database;
        Address = address;
        Environment = environment;
    }

    public string Root { get; }

    public string DataDirectory { get; }

    public InitNode.Result Init { get; }

    public DatabaseSettings Database { get; }

    /// <summary>Where it listens, on every start.</summary>
    public Uri Address { get; }

    /// <summary>Configuration given to the process as environment variables (<c>Section__Key</c>).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>How many times the process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>What the process printed (stdout and stderr, every start), for failure messages.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>Creates the node's data folder with <c>init</c> and gives it a free loopback port; does not start it.</summary>
    public static async Task<NodeProcess> CreateAsync(string party, string country, IReadOnlyDictionary<string, string>? environment = null, DatabaseSettings? postgres = null)
    {
        var root = Directory.CreateTempSubdirectory("liaison-process-").FullName;
        var data = Path.Combine(root, "node");
        var init = await InitNode.RunAsync(
            new InitNode.Request(data, party, country, "admin", postgres?.Provider ?? DatabaseProvider.Sqlite, postgres?.ConnectionString), TimeProvider.System);
        var folder = NodeFolder.Open(data);
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        // Pairing announces the configured address, so it is written where `liaison pair` reads it.
        (NodeConfig.Read(folder) with { Urls = address.ToString().TrimEnd('/') }).Write(folder.ConfigFile);
        return new NodeProcess(root, data, init, postgres ?? DatabaseSettings.SqliteIn(data), address, environment ?? new Dictionary<string, string>());
    }

    /// <summary>Starts <c>liaison serve</c> and waits until it says it is listening.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("the node is already running");
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Binary, "serve", "--data", DataDirectory, "--urls", Address.ToString().TrimEnd('/') })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in Environment)
        {
            info.Environment[name] = value;
        }

        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var start = ++Starts;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            _log.Enqueue($"[{start} out] {e.Data}");
            if (e.Data.Contains("listening on", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                _log.Enqueue($"[{start} err] {e.Data}");
            }
        };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"the node exited before it was ready:\n{Log}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        try
        {
            await ready.Task.WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            await KillAsync();
            throw new TimeoutException($"the node did not start within {timeout ?? TimeSpan.FromMinutes(2)}:\n{Log}");
        }
    }

    /// <summary>SIGKILL (Process.Kill on Linux), then waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        _process = null;
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Runs a CLI verb on this node's data folder in the test process, on the real clock.</summary>
    public static Task<CliRun> CliAsync(params string[] args) => CliRun.RunAsync(TimeProvider.System, args);

    /// <summary>Reads or writes the node's database from the test process (SQLite in WAL mode, or PostgreSQL), as a second instance would.</summary>
    public async Task<T> WithDbAsync<T>(Func<LiaisonDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = StorageSetup.CreateContext(Database);
        return await query(db);
    }

    /// <summary>A browser-like client: keeps cookies, does not follow redirects.</summary>
    public HttpClient Client() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = Address };

    /// <summary>Adds a user with <paramref name="role"/> through the CLI and signs them in, changing the one-time password as the first sign-in demands.</summary>
    public async Task<HttpClient> SignInNewUserAsync(string userName, string role)
    {
        var added = await CliAsync("users", "add", "--data", DataDirectory, "--user", userName, "--role", role);
        Assert.True(added.ExitCode == 0, added.Error);
        var oneTime = OneTimePassword().Match(added.Output).Groups[1].Value;
        var client = Client();
        var first = await client.PostAsJsonAsync("/api/account/sign-in", new { userName, password = oneTime });
        await Expect.StatusAsync(HttpStatusCode.OK, first);
        await Expect.StatusAsync(HttpStatusCode.NoContent, await client.PostAsJsonAsync("/api/account/password", new { currentPassword = oneTime, newPassword = "another long enough passphrase" }));
        return client;
    }

    /// <summary>Pairs two running nodes both ways with <c>liaison pair</c>, as their administrators would.</summary>
    public static async Task PairAsync(NodeProcess a, NodeProcess b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        foreach (var (from, to) in new[] { (a, b), (b, a) })
        {
            var run = await CliAsync("pair", "--data", from.DataDirectory, "--partner-url", to.Address.ToString(), "--partner-fingerprint", to.Init.Fingerprint);
            Assert.True(run.ExitCode == 0, $"pair failed: {run.Error}\n{run.Output}");
        }
    }

    /// <summary>Waits, in real time, until <paramref name="condition"/> holds; fails naming <paramref name="what"/> with the node's log.</summary>
    public async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"timed out after {timeout.TotalSeconds:0} s waiting for: {what}\n{Log}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open only leaves litter in /tmp; never fail a test for it.
        }
    }

    [GeneratedRegex(@"one-time password (\S+)")]
    private static partial Regex OneTimePassword();
}
