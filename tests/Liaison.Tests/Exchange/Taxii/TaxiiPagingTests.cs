using System.Net;
using Liaison.Protocol.Stix;
using Liaison.Protocol.Taxii;
using Liaison.Tests.Infrastructure;
using static Liaison.Tests.Exchange.Taxii.TaxiiTesting;

namespace Liaison.Tests.Exchange.Taxii;

/// <summary>Paging (TAXII 2.1 §3.4, §3.5): limit, more, next and added_after never skip nor repeat an object.</summary>
public sealed class TaxiiPagingTests
{
    [Fact]
    public async Task EveryLimit_ServesEachObjectOnce_InDateAddedOrder()
    {
        await using var node = await TestNode.StartAsync();
        var self = await SelfAsync(node);
        // One transaction for many objects: they share the commit, yet each has its own date_added.
        var locations = Enumerable.Range(0, 45).Select(_ => NewLocation(self, node)).ToList();
        await AppendAsync(node, locations.Take(30));
        await AppendAsync(node, locations.Skip(30));
        using var client = await TokenClientAsync(node, "analyst", "Analyst");
        var expected = locations.Select(l => l.Id.ToString()).ToList();

        foreach (var limit in new[] { 1, 2, 3, 7, 44, 45, 46, 1000 })
        {
            var (objects, pages) = await PageThroughAsync(client, $"match[type]=location&limit={limit}");
            Assert.Equal(expected, objects.Select(o => o.Id));
            Assert.Equal(Math.Max(1, (int)Math.Ceiling(45.0 / limit)), pages);
        }
    }

    [Fact]
    public async Task Limit_DefaultsTo100_AndIsClampedTo1000()
    {
        await using var node = await TestNode.StartAsync();
        var self = await SelfAsync(node);
        await AppendAsync(node, Enumerable.Range(0, 1005).Select(_ => NewLocation(self, node)));
        using var client = await TokenClientAsync(node, "analyst", "Analyst");

        var (first, _) = await GetAsync(client, $"{Objects}?match[type]=location");
        Assert.Equal(100, ObjectsOf(first).Count);
        Assert.True(first.GetProperty("more").GetBoolean());

        var (big, _) = await GetAsync(client, $"{Objects}?match[type]=location&limit=5000");
        Assert.Equal(1000, ObjectsOf(big).Count);
        var (rest, _) = await GetAsync(client, $"{Objects}?match[type]=location&limit=5000&next={big.GetProperty("next").GetString()}");
        Assert.Equal(5, ObjectsOf(rest).Count);
        Assert.False(rest.TryGetProperty("more", out _));
    }

    [Fact]
    public async Task Paging_WhileObjectsAreAdded_NeverSkipsOrRepeats()
    {
        await using var node = await TestNode.StartAsync();
        var self = await SelfAsync(node);
        var before = Enumerable.Range(0, 120).Select(_ => NewLocation(self, node)).ToList();
        await AppendAsync(node, before);
        using var client = await TokenClientAsync(node, "analyst", "Analyst");

        var during = new List<Location>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var batch = 0; batch < 40 && !stop.IsCancellationRequested; batch++)
            {
                var objects = Enumerable.Range(0, 1 + (batch % 3)).Select(_ => NewLocation(self, node)).ToList();
                await AppendAsync(node, objects);
                lock (during)
                {
                    during.AddRange(objects);
                }
            }
        });

        var served = new List<string>();
        string? last = null;
        foreach (var limit in new[] { 1, 4, 9 })
        {
            // Each round resumes from the previous round's X-TAXII-Date-Added-Last, as the pull does.
            var query = $"match[type]=location&limit={limit}" + (last is null ? "" : $"&added_after={last}");
            string? next = null;
            while (true)
            {
                var (envelope, response) = await GetAsync(client, $"{Objects}?{query}" + (next is null ? "" : $"&next={next}"));
                served.AddRange(IdsOf(envelope));
                last = Header(response, TaxiiHeaderNames.DateAddedLast) ?? last;
                if (!envelope.TryGetProperty("more", out var more) || !more.GetBoolean())
                {
                    break;
                }

                next = envelope.GetProperty("next").GetString();
            }
        }

        await writer;
        var (tail, _) = await PageThroughAsync(client, $"match[type]=location&limit=1000&added_after={last}");
        served.AddRange(tail.Select(t => t.Id));

        Assert.Equal(served.Count, served.Distinct().Count());
        var all = before.Concat(during).Select(l => l.Id.ToString()).ToHashSet();
        Assert.Equal(all.Order(StringComparer.Ordinal), served.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AddedAfter_ServesOnlyLaterObjects_AndHeadersBoundThePage()
    {
        await using var node = await TestNode.StartAsync();
        var self = await SelfAsync(node);
        var locations = Enumerable.Range(0, 10).Select(_ => NewLocation(self, node)).ToList();
        await AppendAsync(node, locations);
        using var client = await TokenClientAsync(node, "analyst", "Analyst");

        var (manifest, manifestResponse) = await GetAsync(client, $"{Manifest}?match[type]=location");
        var records = manifest.GetProperty("objects").EnumerateArray().ToList();
        var dates = records.Select(r => r.GetProperty("date_added").GetString()!).ToList();
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
        Assert.Equal(dates[0], Header(manifestResponse, TaxiiHeaderNames.DateAddedFirst));
        Assert.Equal(dates[^1], Header(manifestResponse, TaxiiHeaderNames.DateAddedLast));

        var (later, response) = await GetAsync(client, $"{Objects}?match[type]=location&added_after={dates[3]}");
        Assert.Equal(locations.Skip(4).Select(l => l.Id.ToString()), IdsOf(later));
        Assert.Equal(dates[4], Header(response, TaxiiHeaderNames.DateAddedFirst));
        Assert.Equal(dates[^1], Header(response, TaxiiHeaderNames.DateAddedLast));

        // A poll with nothing new: an empty envelope, no date headers.
        var (nothing, empty) = await GetAsync(client, $"{Objects}?match[type]=location&added_after={dates[^1]}");
        Assert.Equal("{}", nothing.GetRawText());
        Assert.Null(Header(empty, TaxiiHeaderNames.DateAddedFirst));
        Assert.Null(Header(empty, TaxiiHeaderNames.DateAddedLast));
    }

    [Fact]
    public async Task Next_IssuedForOtherFilters_OrForged_Is400NamingNext()
    {
        await using var node = await TestNode.StartAsync();
        var self = await SelfAsync(node);
        await AppendAsync(node, Enumerable.Range(0, 3).Select(_ => NewLocation(self, node)));
        using var client = await TokenClientAsync(node, "analyst", "Analyst");
        var (page, _) = await GetAsync(client, $"{Objects}?match[type]=location&limit=1");
        var next = page.GetProperty("next").GetString();

        var error = await ErrorAsync(await client.GetAsync(new Uri($"{Objects}?match[type]=identity&limit=1&next={next}", UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.True(error.GetProperty("details").TryGetProperty("next", out _));
        error = await ErrorAsync(await client.GetAsync(new Uri($"{Objects}?next=garbage", UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.True(error.GetProperty("details").TryGetProperty("next", out _));
    }

    [Fact]
    public async Task VersionsAndManifest_Page_WithTheirOwnNext()
    {
        await using var node = await TestNode.StartAsync();
        var self = await SelfAsync(node);
        var id = StixId.NewRandom(Liaison.Protocol.Stix.Location.TypeName);
        var versions = Enumerable.Range(0, 5).Select(i => NewLocation(self, node, id: id, modified: TestNode.Start.AddMinutes(i))).ToList();
        foreach (var version in versions)
        {
            await AppendAsync(node, [version]);
        }

        using var client = await TokenClientAsync(node, "analyst", "Analyst");
        var served = new List<string>();
        string? next = null;
        do
        {
            var (page, response) = await GetAsync(client, $"{Versions(id.ToString())}?limit=2" + (next is null ? "" : $"&next={next}"));
            served.AddRange(page.GetProperty("versions").EnumerateArray().Select(v => v.GetString()!));
            Assert.NotNull(Header(response, TaxiiHeaderNames.DateAddedFirst));
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
        }
        while (next is not null);

        Assert.Equal(versions.Select(v => StixTimestamp.Format(v.Modified)), served);

        var manifestIds = new List<string>();
        next = null;
        do
        {
            var (page, _) = await GetAsync(client, $"{Manifest}?match[id]={id}&match[version]=all&limit=3" + (next is null ? "" : $"&next={next}"));
            foreach (var record in page.GetProperty("objects").EnumerateArray())
            {
                Assert.Equal(id.ToString(), record.GetProperty("id").GetString());
                Assert.Equal("application/stix+json;version=2.1", record.GetProperty("media_type").GetString());
                manifestIds.Add(record.GetProperty("version").GetString()!);
            }

            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
        }
        while (next is not null);

        Assert.Equal(served, manifestIds);
    }
}
