using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Liaison.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL server on a free loopback port, with trust authentication for the
/// superuser <c>liaison</c>. Its data lives in a temporary folder that disposal removes.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string SuperUser = "liaison";

    private const string DebianRoot = "/usr/lib/postgresql";
    private const string FallbackOsUser = "liaison-pg";
    private const int StartAttempts = 3;
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);

    private readonly string _binDirectory;
    private readonly string _rootDirectory;
    private readonly string? _osUser;
    private bool _disposed;

    private PostgresServer(string binDirectory, string rootDirectory, string? osUser)
    {
        _binDirectory = binDirectory;
        _rootDirectory = rootDirectory;
        _osUser = osUser;
    }

    public int Port { get; private set; }

    /// <summary>The folder holding this server's binaries; clients from it match the server's version.</summary>
    public string BinDirectory => _binDirectory;

    private string DataDirectory => Path.Combine(_rootDirectory, "data");

    private string LogFile => Path.Combine(_rootDirectory, "log");

    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found (Debian package postgresql); ./test installs them");

        // initdb and postgres refuse to run as root, so a root test run hands the server to a system user.
        var osUser = Environment.IsPrivilegedProcess ? await EnsureUnprivilegedUserAsync(cancellationToken) : null;

        // The server's Unix socket lives here too (-k), and socket paths must stay under 108 bytes.
        var rootDirectory = Directory.CreateTempSubdirectory("liaison-pg-").FullName;
        try
        {
            if (osUser is not null)
            {
                await RunAsync("chown", [osUser, rootDirectory], rootDirectory, null, cancellationToken);
            }

            var server = new PostgresServer(binDirectory, rootDirectory, osUser);
            await server.RunToolAsync(
                "initdb",
                ["-D", server.DataDirectory, "-U", SuperUser, "-A", "trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
                cancellationToken);

            for (var attempt = 1; ; attempt++)
            {
                server.Port = FindFreePort();
                try
                {
                    await server.RunToolAsync(
                        "pg_ctl",
                        [
                            "-D", server.DataDirectory, "-l", server.LogFile,
                            "-o", FormattableString.Invariant(
                                $"-p {server.Port} -c listen_addresses=127.0.0.1 -k '{rootDirectory}' -c fsync=off"),
                            "-w", "-t", "60", "start",
                        ],
                        cancellationToken);
                    return server;
                }
                catch (InvalidOperationException exception) when (
                    attempt < StartAttempts && exception.Message.Contains("already in use", StringComparison.Ordinal))
                {
                    // Another process took the port between probing and binding; try a new one.
                }
            }
        }
        catch
        {
            Directory.Delete(rootDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>An Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        FormattableString.Invariant($"Host=127.0.0.1;Port={Port};Username={SuperUser};Database={database}");

    public Task CreateDatabaseAsync(string name, CancellationToken cancellationToken = default) =>
        RunClientAsync("createdb", [.. ClientConnectionArguments(), name], cancellationToken);

    /// <summary>Creates a database no other test uses and returns its connection string.</summary>
    public async Task<string> CreateUniqueDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        await CreateDatabaseAsync(name, cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Runs <paramref name="sql"/> through psql and returns its unaligned, tuples-only output.</summary>
    public Task<string> QueryAsync(string database, string sql, CancellationToken cancellationToken = default) =>
        RunClientAsync(
            "psql",
            [.. ClientConnectionArguments(), "-d", database, "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-c", sql],
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }
        finally
        {
            Directory.Delete(_rootDirectory, recursive: true);
        }
    }

    private string[] ClientConnectionArguments() =>
        ["-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", SuperUser];

    private static string? FindBinDirectory()
    {
        if (Directory.Exists(DebianRoot))
        {
            var newest = Directory.EnumerateDirectories(DebianRoot)
                .Select(directory => (Bin: Path.Combine(directory, "bin"), Version: ParseMajorVersion(Path.GetFileName(directory))))
                .Where(candidate => candidate.Version is not null && HasServerBinaries(candidate.Bin))
                .OrderByDescending(candidate => candidate.Version)
                .FirstOrDefault();
            if (newest.Bin is not null)
            {
                return newest.Bin;
            }
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var pgCtl = Path.Combine(directory, "pg_ctl");
            if (!File.Exists(pgCtl))
            {
                continue;
            }

            // Debian links single tools into /usr/local/bin; the clients sit beside the link's target.
            var target = File.ResolveLinkTarget(pgCtl, returnFinalTarget: true)?.FullName ?? pgCtl;
            var bin = Path.GetDirectoryName(target);
            if (bin is not null && HasServerBinaries(bin))
            {
                return bin;
            }
        }

        return null;
    }

    private static decimal? ParseMajorVersion(string name) =>
        decimal.TryParse(name, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var version) ? version : null;

    private static bool HasServerBinaries(string bin) =>
        File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl"));

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<string> EnsureUnprivilegedUserAsync(CancellationToken cancellationToken)
    {
        // Debian's postgresql package creates "postgres"; elsewhere a dedicated system user stands in.
        if (await UserExistsAsync("postgres", cancellationToken))
        {
            return "postgres";
        }

        if (await UserExistsAsync(FallbackOsUser, cancellationToken))
        {
            return FallbackOsUser;
        }

        var result = await TryRunAsync("useradd", ["--system", "--no-create-home", FallbackOsUser], "/", cancellationToken);

        // A parallel test run may have created the user between our check and useradd.
        if (result.ExitCode != 0 && !await UserExistsAsync(FallbackOsUser, cancellationToken))
        {
            throw new InvalidOperationException($"useradd {FallbackOsUser} failed with exit code {result.ExitCode}: {result.Error}");
        }

        return FallbackOsUser;
    }

    private static async Task<bool> UserExistsAsync(string user, CancellationToken cancellationToken) =>
        (await TryRunAsync("id", ["-u", user], "/", cancellationToken)).ExitCode == 0;

    /// <summary>Runs a server tool (initdb, pg_ctl) as the unprivileged owner of the data folder.</summary>
    private Task<string> RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return _osUser is null
            ? RunAsync(executable, arguments, _rootDirectory, LogFile, cancellationToken)
            : RunAsync("runuser", ["-u", _osUser, "--", executable, .. arguments], _rootDirectory, LogFile, cancellationToken);
    }

    /// <summary>Runs a client tool (createdb, psql) as the current user; it connects over TCP.</summary>
    private Task<string> RunClientAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        RunAsync(Path.Combine(_binDirectory, tool), arguments, _rootDirectory, LogFile, cancellationToken);

    private static async Task<string> RunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        string? logFile,
        CancellationToken cancellationToken)
    {
        var result = await TryRunAsync(fileName, arguments, workingDirectory, cancellationToken);
        if (result.ExitCode == 0)
        {
            return result.Output;
        }

        var message = $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} failed with exit code "
            + $"{result.ExitCode.ToString(CultureInfo.InvariantCulture)}.{Environment.NewLine}{result.Error}{result.Output}";
        if (logFile is not null && File.Exists(logFile))
        {
            var log = await File.ReadAllLinesAsync(logFile, CancellationToken.None);
            message += $"{Environment.NewLine}Server log tail:{Environment.NewLine}{string.Join(Environment.NewLine, log.TakeLast(30))}";
        }

        throw new InvalidOperationException(message);
    }

    private static async Task<ProcessResult> TryRunAsync(
        string fileName,
        IReadOnlyList<string> arguments,
        string workingDirectory,
        CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Settings from the environment (PGHOST, PGPASSWORD, PGDATA, ...) must not redirect the tools.
        foreach (var name in startInfo.Environment.Keys.Where(key => key.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException(
                $"{Path.GetFileName(fileName)} {string.Join(' ', arguments)} did not finish within {ProcessTimeout}: {await error}");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }

    private readonly record struct ProcessResult(int ExitCode, string Output, string Error);
}
