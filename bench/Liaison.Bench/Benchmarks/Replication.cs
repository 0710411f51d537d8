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
        var (a, b) = await BenchNode.PairAsync(bench, customizeA: x => x.Configuration["Exchange:RunInBackground"] = "false",
            // B's anti-entropy pull (every 60 s by default) must not fetch A's new versions while A writes them: under load
            // the write phase outlasts the interval, B then held most versions before the push began, and counting B's
            // store before and after the push reported them as missing (issue 7: "306 of 1000", "153 of 1000").
            customizeB: x => x.Configuration["Exchange:PullInterval"] = "1.00:00:00");
        await using var ownA = a;
        await using var ownB = b;
        var (analyst, _) = await a.UserAsync("analyst", "Analyst");
        using var client = analyst;
        await Alerts.RaiseAsync(client, -1); // warm-up: JIT, pools, first queries
        await a.Services.GetRequiredService<Relay>().PushOnceAsync();

        var objectsBefore = await a.WithDbAsync(db => db.SharedObjects.CountAsync());
        var writtenAfter = await a.WithDbAsync(db => db.SharedObjects.MaxAsync(o => (DateTime?)o.DateAdded));
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
        // Which of the versions A wrote B holds now, however they got there (push, or a pull after all).
        var wrote = await a.WithDbAsync(db => db.SharedObjects.Where(o => o.DateAdded > writtenAfter).Select(o => new { o.StixId, o.VersionAt }).ToListAsync());
        var ids = wrote.Select(w => w.StixId).Distinct().ToList();
        var onB = (await b.WithDbAsync(db => db.SharedObjects.Where(o => ids.Contains(o.StixId)).Select(o => new { o.StixId, o.VersionAt }).ToListAsync())).ToHashSet();
        var received = wrote.Count(onB.Contains);
        var pushedIntoB = await b.WithDbAsync(db => db.SharedObjects.CountAsync()) - onBBefore;
        var retried = await a.WithDbAsync(db => db.Deliveries.CountAsync(d => d.Attempts > 0));
        if (received < written)
        {
            // Say where the missing versions went: a row leaves "pending" by being delivered or by becoming a dead letter.
            var states = await a.WithDbAsync(db => db.Deliveries.GroupBy(d => d.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
            var errors = await a.WithDbAsync(db => db.Deliveries.Where(d => d.State == DeliveryState.DeadLetter).GroupBy(d => d.LastError).Select(g => new { g.Key, Count = g.Count() }).Take(5).ToListAsync());
            throw new InvalidOperationException(
                $"B received {received} of the {written} versions A wrote; A's rows: {string.Join(", ", states.Select(s => $"{s.Key} {s.Count}"))}; "
                + $"dead letters: {string.Join(" | ", errors.Select(e => $"{e.Count}× {e.Key}"))}");
        }

        var localRate = written / local.TotalSeconds;
        var pushRate = delivered / push.TotalSeconds;
        bench.Line($"A raised {alerts} alerts through its API ({written} object versions, {pending} outbox rows); the relay then pushed {delivered} to B in envelopes of {new ExchangeOptions().PushBatch}; B holds {received} of them ({pushedIntoB} new on B during the push).");
        bench.Figure("local write rate on A (API, 4 desks)", localRate, "objects/s");
        bench.Figure("local write latency per alert (mean)", local.TotalMilliseconds * 4 / alerts, "ms");
        bench.Figure("push replication A→B", pushRate, "objects/s");
        bench.Figure("rows that needed a retry (envelope timed out)", retried, "rows");
        bench.Figure("SQL commands on A per pushed object", (double)sqlA.Count / delivered, "commands");
        bench.Figure("SQL commands on B per pushed object", (double)sqlB.Count / delivered, "commands");
        bench.Ratio("push rate / local write rate", pushRate / localRate);
    }
}
