using System.Diagnostics;
using System.Net;

namespace Liaison.Trials;

/// <summary>
/// Durability trials: a record is written through the API, the node is killed with SIGKILL the moment the 2xx
/// arrives, started again, and asked for the record. The records are TLP:RED so they stay on their node.
/// </summary>
public static class Durability
{
    public sealed record Result(int Trials, int Missing, TimeSpan Took, IReadOnlyList<string> Examples);

    public static async Task<Result> RunAsync(
        IReadOnlyList<Side> sides, int trials, IReadOnlyDictionary<string, string> environment, Func<bool> outOfTime, TextWriter log, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var missing = new List<string>();
        var done = 0;
        var progress = TextWriter.Synchronized(log);
        // Each side runs its own share of the trials at the same time: a trial needs only its own node, and the
        // restarts, not the writes, are what take the time.
        await Task.WhenAll(sides.Select((side, s) => RunSideAsync(side, s)));

        async Task RunSideAsync(Side side, int s)
        {
            for (var i = s; i < trials && !outOfTime(); i += sides.Count)
            {
                var draft = await side.Desk.SendAsync(HttpMethod.Post, "api/incidents", new
                {
                    title = $"durability trial {i}",
                    occurred = new { start = "2026-01-15T00:00:00Z", precision = "day" },
                    category = "other",
                    tlp = "red",
                }, cancellationToken);
                if (draft.Status != HttpStatusCode.Created || draft.Location is null)
                {
                    throw new InvalidOperationException($"durability trial {i}: {side.Name} answered {(int)draft.Status} to a draft");
                }

                var id = draft.Location[(draft.Location.LastIndexOf('/') + 1)..];
                // The 2xx is in hand: kill at once.
                await side.Node.KillAsync();
                await side.Node.StartAsync(environment, cancellationToken);
                var read = await side.Desk.SendAsync(HttpMethod.Get, $"api/incidents/{id}", null, cancellationToken);
                int count, lost;
                lock (missing)
                {
                    if (read.Status != HttpStatusCode.OK)
                    {
                        missing.Add($"{side.Name}: {id} answered 2xx, then {(int)read.Status} after kill -9 and restart");
                    }

                    count = ++done;
                    lost = missing.Count;
                }

                if (count % 50 == 0)
                {
                    await progress.WriteLineAsync($"  durability: {count} trials, {lost} missing, {clock.Elapsed.TotalSeconds:F0} s");
                }
            }
        }

        return new Result(done, missing.Count, clock.Elapsed, missing);
    }
}
