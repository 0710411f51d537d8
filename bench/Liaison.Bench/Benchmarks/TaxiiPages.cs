using System.Globalization;
using System.Net;
using Liaison.Exchange;
using Liaison.Exchange.Signatures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Bench.Benchmarks;

/// <summary>
/// TAXII Get Objects page latency on a collection of 1,000 and of 100,000 objects (OpenCTI #14786: 10 s and more;
/// medallion #159: fails at 100k), at the first, middle and last page, and the SQL commands the serving node runs
/// per page. The requests are B's own signed requests to A, as its puller sends them.
/// </summary>
internal static class TaxiiPages
{
    public const string Name = "taxii-pages";

    public static async Task RunAsync(BenchContext bench)
    {
        var small = 1_000;
        var large = bench.Scale(full: 100_000, quick: 5_000);
        var (a, b) = await BenchNode.PairAsync(bench,
            customizeA: x => x.Configuration["Exchange:RunInBackground"] = "false",
            customizeB: x => x.Configuration["Exchange:RunInBackground"] = "false");
        await using var ownA = a;
        await using var ownB = b;
        var partner = await b.WithDbAsync(db => db.Partners.Include(p => p.Party).SingleAsync());
        var client = b.Services.GetRequiredService<IPartnerClients>().For(partner);
        var selfOnA = await a.WithDbAsync(db => db.Partners.Select(p => p.Id).SingleAsync());

        await Seed.LocationsAsync(a, small);
        var atSmall = await MeasureAsync(bench, a, client, partner.CollectionObjectsUrl.ToString(), selfOnA);
        await bench.StepAsync($"seed up to {large:N0} objects on A", async () =>
        {
            await Seed.LocationsAsync(a, large - small);
            return 0;
        });
        var atLarge = await MeasureAsync(bench, a, client, partner.CollectionObjectsUrl.ToString(), selfOnA);

        foreach (var (label, small1, large1) in atSmall.Zip(atLarge, (s, l) => (s.Label, s, l)))
        {
            bench.Figure($"{label} @ {small:N0}, p50", small1.P50, "ms");
            bench.Figure($"{label} @ {large:N0}, p50", large1.P50, "ms");
            bench.Figure($"{label} @ {large:N0}, p99", large1.P99, "ms");
            bench.Figure($"{label} SQL commands per page @ {small:N0}", small1.Sql, "commands");
            bench.Figure($"{label} SQL commands per page @ {large:N0}", large1.Sql, "commands");
            bench.Ratio($"{label} p50 {large / 1000}k / 1k", large1.P50 / small1.P50);
        }
    }

    private sealed record Result(string Label, double P50, double P99, double Sql);

    private static async Task<List<Result>> MeasureAsync(BenchContext bench, BenchNode a, HttpClient client, string objectsUrl, int partnerId)
    {
        var total = await a.WithDbAsync(db => db.Deliveries.CountAsync(d => d.PartnerId == partnerId));
        var middle = await DateAddedAtAsync(a, partnerId, total / 2);
        var nearEnd = await DateAddedAtAsync(a, partnerId, Math.Max(0, total - 101));
        var cases = new (string Label, string Query)[]
        {
            ("first page, limit 100", "?limit=100"),
            ("middle page, limit 100", $"?limit=100&added_after={middle}"),
            ("last page, limit 100", $"?limit=100&added_after={nearEnd}"),
            ("middle page, limit 1000", $"?limit=1000&added_after={middle}"),
            ("manifest, middle, limit 1000", $"?limit=1000&added_after={middle}"),
        };
        var results = new List<Result>();
        using var sql = new SqlCommandCounter(a.DatabaseMarker);
        foreach (var (label, query) in cases)
        {
            var url = label.StartsWith("manifest", StringComparison.Ordinal) ? objectsUrl.Replace("/objects/", "/manifest/", StringComparison.Ordinal) : objectsUrl;
            await GetAsync(client, url + query); // warm-up
            var before = sql.Count;
            var samples = await Measure.RepeatAsync(bench.Scale(30, 10), () => GetAsync(client, url + query));
            results.Add(new Result(label, Measure.Median(samples), Measure.Percentile(samples, 99), (double)(sql.Count - before) / samples.Count));
        }

        return results;
    }

    private static async Task<string> DateAddedAtAsync(BenchNode node, int partnerId, int index)
    {
        var at = await node.WithDbAsync(db => db.Deliveries.Where(d => d.PartnerId == partnerId).OrderBy(d => d.AddedAt).Skip(index).Select(d => d.AddedAt).FirstAsync());
        return Uri.EscapeDataString(DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture));
    }

    private static async Task GetAsync(HttpClient client, string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url));
        request.Headers.Accept.ParseAdd(Relay.TaxiiMediaType);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK || body.Length == 0)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}");
        }
    }
}
