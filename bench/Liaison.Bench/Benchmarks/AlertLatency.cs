using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Liaison.Live;
using Microsoft.AspNetCore.SignalR.Client;

namespace Liaison.Bench.Benchmarks;

/// <summary>
/// Alert latency from the moment a desk on A sends it to the moment a desk on B can see it: by polling B's API
/// (GET /api/alerts/{id} every 10 ms) and by live push on B's desk hub (/hubs/desk), at a steady rate, p50/p99.
/// The floor is the fsync latency of the same disk, measured in the same run: A commits the alert (one durable
/// write) and B commits it again before anyone there can see it.
/// </summary>
internal static class AlertLatency
{
    public const string Name = "alert-latency";

    public static async Task RunAsync(BenchContext bench)
    {
        var perSecond = 5;
        var count = bench.Scale(full: 300, quick: 15);
        var (a, b) = await BenchNode.PairAsync(bench);
        await using var ownA = a;
        await using var ownB = b;
        var fsyncBefore = Measure.FsyncLatencies(a.Root, bench.Scale(400, 50));

        var (raiser, _) = await a.UserAsync("analyst", "Analyst");
        var (reader, token) = await b.UserAsync("officer", "LiaisonOfficer");
        using var raiserClient = raiser;
        using var readerClient = reader;

        var pushed = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(b.Address, DeskHub.Path.TrimStart('/')), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        hub.On<DeskSignal>(DeskHub.SignalMethod, s =>
        {
            if (s.Topic == "alert" && s.Id is not null)
            {
                pushed.TryAdd(s.Id, Stopwatch.GetTimestamp());
            }
        });
        await hub.StartAsync();

        // Warm-up: the first alert pays for JIT and connection set-up on both sides.
        var warm = await Alerts.RaiseAsync(raiserClient, -1);
        await Measure.UntilAsync(() => Task.FromResult(pushed.ContainsKey(warm)), TimeSpan.FromSeconds(30), "the warm-up alert reaches B's hub");

        var sent = new List<(string Id, long At, double Commit)>();
        var polls = new List<Task<(string Id, long Seen)>>();
        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        var pace = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = interval * i;
            if (due > pace.Elapsed)
            {
                await Task.Delay(due - pace.Elapsed);
            }

            var at = Stopwatch.GetTimestamp();
            var id = await Alerts.RaiseAsync(raiserClient, i);
            sent.Add((id, at, Stopwatch.GetElapsedTime(at).TotalMilliseconds));
            polls.Add(PollAsync(readerClient, id));
        }

        var seen = (await Task.WhenAll(polls)).ToDictionary(p => p.Id, p => p.Seen, StringComparer.Ordinal);
        await Measure.UntilAsync(() => Task.FromResult(sent.All(s => pushed.ContainsKey(s.Id))), TimeSpan.FromSeconds(60), "every alert reaches B's hub");
        var fsyncAfter = Measure.FsyncLatencies(a.Root, bench.Scale(400, 50));

        var api = sent.Select(s => Stopwatch.GetElapsedTime(s.At, seen[s.Id]).TotalMilliseconds).ToList();
        var live = sent.Select(s => Stopwatch.GetElapsedTime(s.At, pushed[s.Id]).TotalMilliseconds).ToList();
        var commit = sent.Select(s => s.Commit).ToList();
        var fsync = fsyncBefore.Concat(fsyncAfter).ToList();
        bench.Line($"{count} alerts raised on A at {perSecond}/s; B's desk polls its API every 10 ms and listens on its hub.");
        bench.Figure("fsync of 4 KiB, same disk, p50", Measure.Median(fsync), "ms");
        bench.Figure("fsync of 4 KiB, same disk, p99", Measure.Percentile(fsync, 99), "ms");
        bench.Figure("raise on A (API answer, committed), p50", Measure.Median(commit), "ms");
        bench.Figure("A→B visible via API poll, p50", Measure.Median(api), "ms");
        bench.Figure("A→B visible via API poll, p99", Measure.Percentile(api, 99), "ms");
        bench.Figure("A→B live push on B's hub, p50", Measure.Median(live), "ms");
        bench.Figure("A→B live push on B's hub, p99", Measure.Percentile(live, 99), "ms");
        bench.Ratio("live p50 / fsync p50", Measure.Median(live) / Measure.Median(fsync));
        bench.Ratio("live p99 / fsync p99", Measure.Percentile(live, 99) / Measure.Percentile(fsync, 99));
        bench.Ratio("API poll p50 / fsync p50", Measure.Median(api) / Measure.Median(fsync));
    }

    private static async Task<(string Id, long Seen)> PollAsync(HttpClient client, string id)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            using var response = await client.GetAsync(new Uri($"/api/alerts/{id}", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return (id, Stopwatch.GetTimestamp());
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"alert {id} never became visible on B's API");
    }
}
