using System.Diagnostics;
using Liaison.Exchange;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Bench.Benchmarks;

/// <summary>
/// Push replication A→B in objects per second, against A's own local write rate. A raises alerts through its API
/// (4 desks at once) with its relay held; then the relay drains the outbox to B, envelope after envelope, each
/// signed, verified, ingested and receipted. Both rates count STIX object versions.
/// </summary>
internal static class Replication
{
    public const string Name = "replication";

    public static async Task RunAsync(BenchContext bench)
    {
        var alerts = bench.Scale(full: 1000, quick: 100);
        var (a, b) = await BenchNode.PairAsync(bench, customizeA: x => x.Configuration["Exchange:RunInBackground"] = "false");
        await using var ownA = a;
        await using var ownB = b;
        var (analyst, _) = await a.UserAsync("analyst", "Analyst");
        using var client = analyst;
        await Alerts.RaiseAsync(client, -1); // warm-up: JIT, pools, first queries
        await a.Services.GetRequiredService<Relay>().PushOnceAsync();

        var objectsBefore = await a.WithDbAsync(db => db.SharedObjects.CountAsync());
        var clock = Stopwatch.StartNew();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < alerts)
            {
                await Alerts.RaiseAsync(client, i);
            }
        }));
        var local = clock.Elapsed;
        var written = await a.WithDbAsync(db => db.SharedObjects.CountAsync()) - objectsBefore;
        var pending = await a.WithDbAsync(db => db.Deliveries.CountAsync(d => d.State == DeliveryState.Pending));

        var onBBefore = await b.WithDbAsync(db => db.SharedObjects.CountAsync());
        using var sqlA = new SqlCommandCounter(a.DatabaseMarker);
        using var sqlB = new SqlCommandCounter(b.DatabaseMarker);
        clock.Restart();
        // An envelope that times out (the partner client gives up before B has taken it in) is retried after the
        // relay's backoff; B keeps what it already applied, so the retry only re-confirms it.
        var delivered = 0;
        var idlePasses = 0;
        while (await a.WithDbAsync(db => db.Deliveries.CountAsync(d => d.State == DeliveryState.Pending)) > 0)
        {
            var pass = await a.Services.GetRequiredService<Relay>().PushOnceAsync();
            delivered += pass;
            if (pass == 0)
            {
                idlePasses++;
                await Task.Delay(100);
            }

            if (clock.Elapsed > TimeSpan.FromMinutes(20))
            {
                throw new TimeoutException("the outbox did not drain in 20 minutes");
            }
        }

        var push = clock.Elapsed;
        var received = await b.WithDbAsync(db => db.SharedObjects.CountAsync()) - onBBefore;
        var retried = await a.WithDbAsync(db => db.Deliveries.CountAsync(d => d.Attempts > 0));
        if (received < written)
        {
            throw new InvalidOperationException($"B received {received} of the {written} versions A wrote");
        }

        var localRate = written / local.TotalSeconds;
        var pushRate = delivered / push.TotalSeconds;
        bench.Line($"A raised {alerts} alerts through its API ({written} object versions, {pending} outbox rows); the relay then pushed {delivered} to B in envelopes of {new ExchangeOptions().PushBatch}.");
        bench.Figure("local write rate on A (API, 4 desks)", localRate, "objects/s");
        bench.Figure("local write latency per alert (mean)", local.TotalMilliseconds * 4 / alerts, "ms");
        bench.Figure("push replication A→B", pushRate, "objects/s");
        bench.Figure("rows that needed a retry (envelope timed out)", retried, "rows");
        bench.Figure("SQL commands on A per pushed object", (double)sqlA.Count / delivered, "commands");
        bench.Figure("SQL commands on B per pushed object", (double)sqlB.Count / delivered, "commands");
        bench.Ratio("push rate / local write rate", pushRate / localRate);
    }
}
