using System.Diagnostics;
using Liaison.Exchange;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Bench.Benchmarks;

/// <summary>
/// A partition: B is down while A writes a backlog of 100,000 object versions for it (A's relay keeps failing and
/// backs off). B comes back; the figure is the time until B holds the whole backlog, repaired by B's pull at
/// reconnection and A's push when its backoff ends, whichever gets there first.
/// </summary>
internal static class Backlog
{
    public const string Name = "backlog";

    public static async Task RunAsync(BenchContext bench)
    {
        var objects = bench.Scale(full: 100_000, quick: 3_000);
        var (a, b) = await BenchNode.PairAsync(bench);
        await using var ownA = a;
        await using var ownB = b;
        var originOnB = await b.WithDbAsync(db => db.Partners.Select(p => p.PartyId).SingleAsync());
        var before = await b.WithDbAsync(db => db.SharedObjects.CountAsync(o => o.OriginPartyId == originOnB));

        await b.StopAsync();
        var partition = Stopwatch.StartNew();
        await bench.StepAsync($"B down; seed {objects:N0} objects on A", async () =>
        {
            await Seed.LocationsAsync(a, objects);
            return 0;
        });
        var partitioned = partition.Elapsed;
        var failures = await a.WithDbAsync(db => db.Partners.Select(p => p.ConsecutiveFailures).SingleAsync());

        var clock = Stopwatch.StartNew();
        await b.RestartAsync();
        var started = clock.Elapsed;
        var target = before + objects;
        var pushedAtEnd = 0;
        await Measure.UntilAsync(async () =>
        {
            var held = await b.WithDbAsync(db => db.SharedObjects.CountAsync(o => o.OriginPartyId == originOnB));
            return held >= target;
        }, TimeSpan.FromMinutes(30), "B holds the whole backlog", pollMilliseconds: 250);
        var converged = clock.Elapsed;
        pushedAtEnd = await a.WithDbAsync(db => db.Deliveries.CountAsync(d => d.State == DeliveryState.Delivered));

        bench.Line($"B was down {partitioned.TotalSeconds:0} s while A wrote {objects:N0} versions for it ({failures} failed pushes recorded on A's link).");
        bench.Figure("B restart to ready", started.TotalMilliseconds, "ms");
        bench.Figure("backlog converged after B's restart", converged.TotalSeconds, "s");
        bench.Figure("convergence rate", objects / converged.TotalSeconds, "objects/s");
        bench.Figure("of which receipted by A's push at convergence", pushedAtEnd, "versions");
        bench.Ratio("convergence time / partition time", converged.TotalSeconds / partitioned.TotalSeconds);
    }
}
