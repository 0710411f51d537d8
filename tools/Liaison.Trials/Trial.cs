using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace Liaison.Trials;

/// <summary>Everything a run measured; <see cref="Passed"/> when the checker and the durability trials found nothing.</summary>
public sealed record TrialReport(
    CheckResult Check, Durability.Result Durability, bool Converged, TimeSpan ConvergeTook, TimeSpan Took,
    FaultCounts ToA, FaultCounts ToB, int KillsA, int KillsB)
{
    public bool Passed => Check.Clean && Durability.Missing == 0;
}

/// <summary>
/// The fault-injection run: two real nodes (A, a Pakistani desk, and B, an Iranian one, each <c>dotnet liaison.dll
/// serve</c> on its own SQLite file) paired through two <see cref="FaultProxy"/>s; a workload on both desks while the
/// proxies misbehave, the link is cut and restored, either node is killed with SIGKILL and restarted, and B's clock is
/// skewed by up to <see cref="TrialOptions.MaxSkew"/>; then healing, convergence (bounded), the checker and the
/// durability trials.
/// </summary>
public static class Trial
{
    public static async Task<TrialReport> RunAsync(TrialOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        if (!File.Exists(options.Liaison))
        {
            throw new FileNotFoundException($"the built node is not at {options.Liaison}; build src/Liaison or pass --liaison", options.Liaison);
        }

        var total = Stopwatch.StartNew();
        var work = options.Work ?? Path.Combine(Path.GetTempPath(), "liaison-trials-" + Guid.NewGuid().ToString("N")[..8]);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        Directory.CreateDirectory(work);
        var random = new Random(options.Seed);
        await log.WriteLineAsync($"trials: seed {options.Seed}, work folder {work}");

        // Short retry and pull intervals: the run has minutes, not the days a real outage may last.
        var environment = new Dictionary<string, string>
        {
            ["Exchange__PullInterval"] = "00:00:05",
            ["Exchange__RetryFirst"] = "00:00:00.500",
            ["Exchange__RetryCap"] = "00:00:04",
            ["Exchange__RelayIdle"] = "00:00:01",
            ["Logging__LogLevel__Default"] = "Warning",
        };

        var a = new NodeProcess(options.Liaison, Path.Combine(work, "a"), "Pakistan border desk (trials)", "PK", FreePort());
        var b = new NodeProcess(options.Liaison, Path.Combine(work, "b"), "Iran border desk (trials)", "IR", FreePort());
        await using (a)
        await using (b)
        {
            await Task.WhenAll(a.InitAsync(cancellationToken), b.InitAsync(cancellationToken));
            await Task.WhenAll(a.StartAsync(environment, cancellationToken), b.StartAsync(environment, cancellationToken));
            await using var toA = new FaultProxy(a.Port, random.Next());
            await using var toB = new FaultProxy(b.Port, random.Next());
            await a.PairAsync(toB.Url, b.Fingerprint, cancellationToken);
            await b.PairAsync(toA.Url, a.Fingerprint, cancellationToken);
            await log.WriteLineAsync($"trials: A on {a.Url} (its partner at {toB.Url}), B on {b.Url} (its partner at {toA.Url}); setup {total.Elapsed.TotalSeconds:F1} s");

            using var deskA = await DeskClient.SignInAsync(a.Url, "analyst", a.AnalystPassword, cancellationToken);
            using var deskB = await DeskClient.SignInAsync(b.Url, "analyst", b.AnalystPassword, cancellationToken);
            var sideA = new Side("A", a, deskA, b.Identity);
            var sideB = new Side("B", b, deskB, a.Identity);

            // Faults and workload.
            toA.Faulty = toB.Faulty = true;
            var phase = Stopwatch.StartNew();
            var reached = false;
            bool Stop() => phase.Elapsed >= options.Duration || Volatile.Read(ref reached);
            var workers = new List<Task>();
            for (var i = 0; i < options.Clients; i++)
            {
                workers.Add(Workload.RunAsync(sideA, random.Next(), Stop, cancellationToken));
                workers.Add(Workload.RunAsync(sideB, random.Next(), Stop, cancellationToken));
            }

            var chaos = ChaosAsync(options, random.Next(), a, b, toA, toB, environment, Stop, log, cancellationToken);
            var target = options.Objects > 0 ? WatchTargetAsync(options.Objects, a, b, () => Volatile.Write(ref reached, true), Stop, log, cancellationToken) : Task.CompletedTask;
            await Task.WhenAll([.. workers, chaos, target]);
            await log.WriteLineAsync($"trials: workload done after {phase.Elapsed.TotalSeconds:F0} s; A {Describe(sideA)}; B {Describe(sideB)}");
            await log.WriteLineAsync($"  proxy to A: {toA.Counts}");
            await log.WriteLineAsync($"  proxy to B: {toB.Counts}");
            await log.WriteLineAsync($"  kills: A {a.Kills}, B {b.Kills}; B's clock offset now {b.Skew:c}; slowest restart to ready: A {a.SlowestStart.TotalSeconds:F1} s, B {b.SlowestStart.TotalSeconds:F1} s");

            // Heal: faults off, link up, both nodes running, then wait (bounded) for the two to agree.
            toA.Faulty = toB.Faulty = false;
            toA.Restore();
            toB.Restore();
            foreach (var node in new[] { a, b }.Where(n => !n.Running))
            {
                await node.StartAsync(environment, cancellationToken);
            }

            var converge = Stopwatch.StartNew();
            var check = Checker.Check(sideA, sideB);
            while (!(check.Lost == 0 && check.Pending == 0) && converge.Elapsed < options.Converge)
            {
                await Task.Delay(1000, cancellationToken);
                check = Checker.Check(sideA, sideB);
            }

            var converged = check.Lost == 0 && check.Pending == 0;
            await log.WriteLineAsync($"trials: {(converged ? "converged" : "NOT converged")} after {converge.Elapsed.TotalSeconds:F1} s ({check.Pending} deliveries still pending)");

            var durability = await Durability.RunAsync([sideA, sideB], options.DurabilityTrials, environment, () => false, log, cancellationToken);
            await log.WriteLineAsync($"trials: durability {durability.Trials} kill -9 trials in {durability.Took.TotalSeconds:F1} s, {durability.Missing} records missing");
            foreach (var example in durability.Examples.Take(10))
            {
                await log.WriteLineAsync($"    e.g. {example}");
            }

            // The last word: read both databases once more after the durability kills.
            await a.KillAsync();
            await b.KillAsync();
            SqliteConnection.ClearAllPools();
            check = Checker.Check(sideA, sideB);
            await log.WriteLineAsync("checker:");
            await log.WriteLineAsync(check.ToString());
            var report = new TrialReport(check, durability, converged, converge.Elapsed, total.Elapsed, toA.Counts, toB.Counts, a.Kills, b.Kills);
            await log.WriteLineAsync($"trials: {(report.Passed ? "PASSED" : "FAILED")} in {total.Elapsed.TotalSeconds:F0} s");
            if (report.Passed && !options.Keep)
            {
                Directory.Delete(work, recursive: true);
            }

            return report;
        }
    }

    /// <summary>Link cuts, SIGKILLs of either node, and a new clock skew for B at each of its restarts.</summary>
    private static async Task ChaosAsync(
        TrialOptions options, int seed, NodeProcess a, NodeProcess b, FaultProxy toA, FaultProxy toB,
        IReadOnlyDictionary<string, string> environment, Func<bool> stop, TextWriter log, CancellationToken cancellationToken)
    {
        var random = new Random(seed);
        // The first three events are a cut, a kill of A and a kill of B, so even the shortest run has each; then at random.
        var round = 0;
        while (!stop())
        {
            await Task.Delay(random.Next(1500, 4000), cancellationToken);
            if (stop())
            {
                return;
            }

            var roll = round < 3 ? round : random.Next(3);
            round++;
            switch (roll)
            {
                case 0:
                    toA.Cut();
                    toB.Cut();
                    await Task.Delay(random.Next(500, 3000), cancellationToken);
                    toA.Restore();
                    toB.Restore();
                    break;
                default:
                    // As many kills of B (whose clock moves at each restart) as of A.
                    var node = roll == 1 ? a : b;
                    await node.KillAsync();
                    await Task.Delay(random.Next(200, 1500), cancellationToken);
                    if (node == b)
                    {
                        var max = (int)options.MaxSkew.TotalSeconds;
                        b.Skew = TimeSpan.FromSeconds(random.Next(-max, max + 1));
                    }

                    try
                    {
                        await node.StartAsync(environment, cancellationToken);
                    }
                    catch (InvalidOperationException ex)
                    {
                        await log.WriteLineAsync($"  restart failed, trying again: {ex.Message}");
                        await node.StartAsync(environment, cancellationToken);
                    }

                    break;
            }
        }
    }

    private static async Task WatchTargetAsync(int objects, NodeProcess a, NodeProcess b, Action reached, Func<bool> stop, TextWriter log, CancellationToken cancellationToken)
    {
        var last = Stopwatch.StartNew();
        while (!stop())
        {
            await Task.Delay(2000, cancellationToken);
            var count = OwnObjects(a.Database) + OwnObjects(b.Database);
            if (last.Elapsed > TimeSpan.FromSeconds(30))
            {
                await log.WriteLineAsync($"  {count} own object versions so far");
                last.Restart();
            }

            if (count >= objects)
            {
                reached();
                return;
            }
        }
    }

    private static long OwnObjects(string database)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false, DefaultTimeout = 30 }.ToString());
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM stix_objects o JOIN parties p ON p.Id = o.OriginPartyId WHERE p.IsSelf = 1";
        return (long)command.ExecuteScalar()!;
    }

    private static string Describe(Side side) =>
        string.Join(", ", side.Done.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Value} {d.Key}")))
        + string.Create(CultureInfo.InvariantCulture, $"; {side.Unreachable} requests met a dead node");

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
