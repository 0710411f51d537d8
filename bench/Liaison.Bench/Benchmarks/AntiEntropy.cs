using System.Diagnostics;
using Liaison.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Bench.Benchmarks;

/// <summary>
/// The anti-entropy poll when nothing changed, against a full pull of the same collection (MISP #4814 reports a
/// no-change pull of 2 h 45 min). Neither node pushes: B pulls A's whole collection once, then polls again and again.
/// </summary>
internal static class AntiEntropy
{
    public const string Name = "anti-entropy";

    public static async Task RunAsync(BenchContext bench)
    {
        var objects = bench.Scale(full: 100_000, quick: 1_000);
        var (a, b) = await BenchNode.PairAsync(bench,
            customizeA: x => x.Configuration["Exchange:RunInBackground"] = "false",
            customizeB: x => x.Configuration["Exchange:RunInBackground"] = "false");
        await using var ownA = a;
        await using var ownB = b;
        await bench.StepAsync($"seed {objects:N0} objects on A", async () =>
        {
            await Seed.LocationsAsync(a, objects);
            return 0;
        });
        var held = await a.WithDbAsync(db => db.Deliveries.CountAsync());
        var puller = b.Services.GetRequiredService<Puller>();

        using var sql = new SqlCommandCounter(a.DatabaseMarker);
        var clock = Stopwatch.StartNew();
        var pulled = await puller.PullAllAsync();
        var full = clock.Elapsed;
        var fullSql = sql.Count;
        if (pulled < objects)
        {
            throw new InvalidOperationException($"the full pull took in {pulled} of {objects} versions");
        }

        var before = sql.Count;
        var polls = await Measure.RepeatAsync(bench.Scale(50, 10), async () =>
        {
            if (await puller.PullAllAsync() != 0)
            {
                throw new InvalidOperationException("a no-change poll took something in");
            }
        });
        var pollSql = (double)(sql.Count - before) / polls.Count;

        bench.Line($"A's collection for B holds {held:N0} versions; B pulls it in pages of {new ExchangeOptions().PullPage}, then polls with nothing new.");
        bench.Figure("full pull", full.TotalMilliseconds, "ms");
        bench.Figure("full pull rate", pulled / full.TotalSeconds, "objects/s");
        bench.Figure("SQL commands on A, full pull", fullSql, "commands");
        bench.Figure("no-change poll, p50", Measure.Median(polls), "ms");
        bench.Figure("no-change poll, p99", Measure.Percentile(polls, 99), "ms");
        bench.Figure("SQL commands on A per no-change poll", pollSql, "commands");
        bench.Ratio("full pull / no-change poll p50", full.TotalMilliseconds / Measure.Median(polls));
    }
}
