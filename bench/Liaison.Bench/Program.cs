using System.Diagnostics;
using System.Globalization;
using Liaison.Bench.Benchmarks;

namespace Liaison.Bench;

/// <summary>
/// The Liaison benchmarks (docs/benchmarks.md): real nodes on loopback, SQLite by default, every figure printed with
/// the ratio that makes it comparable across machines. Usage: <c>&lt;all|name...&gt; [--quick] [--postgres]</c>.
/// </summary>
public static class BenchRunner
{
    public static Task<int> Main(string[] args) => RunAsync(args, Console.Out);

    /// <summary>Runs the named benchmarks, writing figures to <paramref name="output"/>; 0 when every one completed.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(args);
        var benchmarks = new (string Name, Func<BenchContext, Task> Run)[]
        {
            (Replication.Name, Replication.RunAsync),
            (AlertLatency.Name, AlertLatency.RunAsync),
            (AntiEntropy.Name, AntiEntropy.RunAsync),
            (TaxiiPages.Name, TaxiiPages.RunAsync),
            (Backlog.Name, Backlog.RunAsync),
            (EscalationLag.Name, EscalationLag.RunAsync),
            (Startup.Name, Startup.RunAsync),
        };

        var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        var unknownFlags = args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a is not "--quick" and not "--postgres").ToList();
        var unknown = names.Where(n => n != "all" && benchmarks.All(b => b.Name != n)).ToList();
        if (names.Count == 0 || unknown.Count > 0 || unknownFlags.Count > 0)
        {
            output.WriteLine($"usage: liaison-bench <all|{string.Join('|', benchmarks.Select(b => b.Name))}>... [--quick] [--postgres]");
            foreach (var bad in unknown.Concat(unknownFlags))
            {
                output.WriteLine($"unknown: {bad}");
            }

            return 2;
        }

        var selected = names.Contains("all") ? benchmarks : [.. benchmarks.Where(b => names.Contains(b.Name))];
        await using var bench = new BenchContext(args.Contains("--quick"), output);
        if (args.Contains("--postgres"))
        {
            await bench.UsePostgresAsync();
        }

        bench.Line($"Liaison bench, {TimeProvider.System.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, {(bench.Quick ? "QUICK scale (smoke only)" : "full scale")}, {bench.DatabaseName}");
        bench.Line($"machine: {Environment.ProcessorCount} cores, {Machine.Cpu()}, {Machine.MemoryGib():0} GiB, {Environment.OSVersion}, .NET {Environment.Version}");
        var failed = 0;
        foreach (var (name, run) in selected)
        {
            bench.Line("");
            bench.Line($"== {name}");
            var clock = Stopwatch.StartNew();
            try
            {
                await run(bench);
                bench.Line($"  ({name} took {clock.Elapsed.TotalSeconds:0} s)");
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or HttpRequestException or IOException or OperationCanceledException)
            {
                failed++;
                output.WriteLine($"  FAILED {name}: {ex}");
            }
        }

        return failed == 0 ? 0 : 1;
    }
}
