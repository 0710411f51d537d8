using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Liaison.Trials;

/// <summary>
/// One real node: <c>dotnet liaison.dll serve</c> as a child process on its own SQLite folder, killed with SIGKILL
/// and started again as the trials decide. Its partner URL points at a <see cref="FaultProxy"/>, never at the other node.
/// </summary>
public sealed partial class NodeProcess(string liaison, string folder, string party, string country, int port) : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private Process? _process;

    public string Folder { get; } = folder;

    public string Party { get; } = party;

    public int Port { get; } = port;

    public Uri Url { get; } = new($"http://127.0.0.1:{port}/");

    public string Database => Path.Combine(Folder, "liaison.db");

    public string Fingerprint { get; private set; } = "";

    public string Identity { get; private set; } = "";

    public string AnalystPassword { get; private set; } = "";

    /// <summary>The clock offset the node runs with now (Node:ClockOffset).</summary>
    public TimeSpan Skew { get; set; }

    public int Starts { get; private set; }

    public int Kills { get; private set; }

    public bool Running
    {
        get
        {
            lock (_gate)
            {
                return _process is { HasExited: false };
            }
        }
    }

    /// <summary><c>liaison init</c> and an analyst account (its one-time password kept for the desk client).</summary>
    public async Task InitAsync(CancellationToken cancellationToken)
    {
        var init = await RunVerbAsync(["init", "--data", Folder, "--party-name", Party, "--country", country], cancellationToken);
        Fingerprint = FingerprintLine().Match(init).Groups[1].Value;
        Identity = IdentityLine().Match(init).Groups[1].Value;
        var user = await RunVerbAsync(["users", "add", "--data", Folder, "--user", "analyst", "--role", "Analyst"], cancellationToken);
        AnalystPassword = PasswordLine().Match(user).Groups[1].Value;
        if (Fingerprint.Length == 0 || Identity.Length == 0 || AnalystPassword.Length == 0)
        {
            throw new InvalidOperationException($"could not read init/users output for {Party}:\n{init}\n{user}");
        }
    }

    /// <summary><c>liaison pair</c> with the partner reached through <paramref name="via"/>.</summary>
    public Task PairAsync(Uri via, string partnerFingerprint, CancellationToken cancellationToken) =>
        RunVerbAsync(["pair", "--data", Folder, "--partner-url", via.ToString(), "--partner-fingerprint", partnerFingerprint], cancellationToken);

    public async Task<string> RunVerbAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        using var process = Process.Start(Info(args)) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"liaison {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }

        return await output;
    }

    /// <summary>
    /// How long a start may take before the run gives up: generous, because a restart on two cores shared with a
    /// busy workload and a large database can take a minute or more (a long run once stopped on a 90 s bound).
    /// </summary>
    public static TimeSpan ReadyTimeout { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest time from process start to <c>/health/ready</c> seen so far.</summary>
    public TimeSpan SlowestStart { get; private set; }

    /// <summary>Starts <c>liaison serve</c> and waits until <c>/health/ready</c> answers.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var info = Info(["serve", "--data", Folder, "--urls", $"http://127.0.0.1:{Port}"]);
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["Node__ClockOffset"] = Skew.ToString("c", CultureInfo.InvariantCulture);
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var logFile = Path.Combine(Path.GetDirectoryName(Folder)!, Path.GetFileName(Folder) + ".log");
        _ = CopyAsync(process.StandardOutput, logFile);
        _ = CopyAsync(process.StandardError, logFile);
        lock (_gate)
        {
            _process = process;
            Starts++;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Party} exited with {process.ExitCode} while starting; see {logFile}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "health/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    lock (_gate)
                    {
                        SlowestStart = clock.Elapsed > SlowestStart ? clock.Elapsed : SlowestStart;
                    }

                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer on a loaded machine.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{Party} was not ready within {ReadyTimeout.TotalSeconds:F0} s; see {logFile}");
    }

    /// <summary>SIGKILL: no shutdown, no flush, exactly what a power cut leaves (bar the disk cache).</summary>
    public async Task KillAsync()
    {
        Process? process;
        lock (_gate)
        {
            process = _process;
            _process = null;
        }

        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: false);
                Kills++;
            }

            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
    }

    private ProcessStartInfo Info(IReadOnlyList<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add(liaison);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        // Keep each node small on a 2-core machine that also runs the workload and the proxy.
        info.Environment["DOTNET_gcServer"] = "0";
        return info;
    }

    private async Task CopyAsync(StreamReader reader, string file)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lock (_gate)
                {
                    File.AppendAllText(file, line + "\n");
                }
            }
        }
        catch (IOException)
        {
            // The process was killed mid-line.
        }
        catch (ObjectDisposedException)
        {
        }

    }

    [GeneratedRegex(@"key fingerprint\s+(SHA256:\S+)")]
    private static partial Regex FingerprintLine();

    [GeneratedRegex(@"party identity\s+(identity--\S+)")]
    private static partial Regex IdentityLine();

    [GeneratedRegex(@"one-time password\s+(\S+)")]
    private static partial Regex PasswordLine();
}
