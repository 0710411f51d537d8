using Liaison.Exchange;
using Liaison.Exchange.Signatures;
using Liaison.Exchange.Taxii;
using Liaison.Features.Parties;
using Liaison.Protocol.Signing;
using Liaison.Protocol.Stix;
using Liaison.Protocol.Taxii;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Liaison.Tests.Exchange.Taxii.TaxiiTesting;

namespace Liaison.Tests.Exchange.Taxii;

/// <summary>
/// What a page costs the database: one SQL command whatever the page size or the collection size, bodies in that
/// same command, none read when nothing is new; deciding a partner requester costs one more.
/// </summary>
public sealed class TaxiiQueryCostTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EveryPage_IsOneCommand_ForAnyLimitAndCollectionSize()
    {
        await using var node = await TestNode.StartAsync();
        var self = await SelfAsync(node);
        var versioned = StixId.NewRandom(Location.TypeName);
        await AppendAsync(node, Enumerable.Range(1, 3).Select(i => NewLocation(self, node, id: versioned, modified: TestNode.Start.AddHours(i))));
        await AppendAsync(node, Enumerable.Range(0, 10).Select(_ => NewLocation(self, node)));
        var (db, counter) = CountingContext(node);
        await using var _ = db;

        var small = await MeasureAsync(db, counter, TaxiiView.Local, versioned.ToString());
        await AppendAsync(node, Enumerable.Range(0, 2000).Select(_ => NewLocation(self, node)));
        var large = await MeasureAsync(db, counter, TaxiiView.Local, versioned.ToString());

        Assert.All(small.Concat(large), m => Assert.True(m.Commands == 1, $"{m.What} took {m.Commands} commands"));
        Assert.Contains(large, m => m.What.StartsWith("objects limit=1000", StringComparison.Ordinal) && m.Rows == 1000);
    }

    [Fact]
    public async Task PartnerPages_AreOneCommand_PlusOneToKnowThePartner()
    {
        await using var node = await TestNode.StartAsync();
        var self = await SelfAsync(node);
        var partner = await AddPartnerAsync(node);
        var versioned = StixId.NewRandom(Location.TypeName);
        await AppendAsync(node, Enumerable.Range(1, 3).Select(i => NewLocation(self, node, id: versioned, modified: TestNode.Start.AddHours(i))));
        await AppendAsync(node, Enumerable.Range(0, 1200).Select(_ => NewLocation(self, node)));
        var (db, counter) = CountingContext(node);
        await using var _ = db;

        var pages = await MeasureAsync(db, counter, TaxiiView.ForPartner(partner.Id), versioned.ToString());
        Assert.All(pages, m => Assert.True(m.Commands == 1, $"{m.What} took {m.Commands} commands"));

        counter.Reset();
        var http = new DefaultHttpContext { User = PartnerClaims.Create(partner) };
        var (requester, refusal) = await TaxiiRequester.IdentifyAsync(http, db, default);
        Assert.Null(refusal);
        Assert.True(requester!.CanWrite);
        Assert.Single(counter.Commands);
    }

    private sealed record Measured(string What, int Commands, int Rows);

    private async Task<List<Measured>> MeasureAsync(LiaisonDbContext db, CommandCounter counter, TaxiiView view, string versioned)
    {
        var results = new List<Measured>();
        async Task MeasureOneAsync<T>(string what, Func<Task<TaxiiPage<T>>> read)
        {
            counter.Reset();
            var page = await read();
            results.Add(new Measured(what, counter.Commands.Count, page.Items.Count));
            output.WriteLine($"{what}: {counter.Commands.Count} command(s), {page.Items.Count} rows");
            foreach (var command in counter.Commands)
            {
                output.WriteLine(command);
            }
        }

        var last = DateTime.MinValue;
        foreach (var limit in new[] { 1, 100, 1000 })
        {
            var filters = Filters($"limit={limit}");
            await MeasureOneAsync($"objects limit={limit}", async () =>
            {
                var page = await TaxiiPages.ObjectsAsync(db, view, filters, filters.Limit, null, default);
                last = page.Last ?? last;
                return page;
            });
        }

        var all = Filters("match[version]=all&match[type]=location,identity&limit=5");
        var firstPage = await TaxiiPages.ObjectsAsync(db, view, all, all.Limit, null, default);
        var second = Filters($"match[version]=all&match[type]=location,identity&limit=5&next={firstPage.Next(all)}");
        await MeasureOneAsync("objects next page", () => TaxiiPages.ObjectsAsync(db, view, second, second.Limit, null, default));
        var firstAndLast = Filters("match[version]=first,last&limit=500");
        await MeasureOneAsync("objects first,last", () => TaxiiPages.ObjectsAsync(db, view, firstAndLast, firstAndLast.Limit, null, default));
        var end = await TaxiiPages.ManifestAsync(db, view, Filters("match[version]=all&limit=1000"), 1000, default);
        while (end.More)
        {
            end = await TaxiiPages.ManifestAsync(db, view, Filters($"match[version]=all&limit=1000&added_after={TaxiiResult.Format(end.Last!.Value)}"), 1000, default);
        }

        var nothingNew = Filters($"added_after={TaxiiResult.Format(end.Last!.Value)}");
        await MeasureOneAsync("poll with nothing new", async () =>
        {
            var page = await TaxiiPages.ObjectsAsync(db, view, nothingNew, 100, null, default);
            Assert.Empty(page.Items);
            return page;
        });
        var manifest = Filters("limit=1000");
        await MeasureOneAsync("manifest", () => TaxiiPages.ManifestAsync(db, view, manifest, manifest.Limit, default));
        var oneObject = Filters("match[version]=all", TaxiiQueryParameters.GetAnObject);
        await MeasureOneAsync("one object", () => TaxiiPages.ObjectsAsync(db, view, oneObject, oneObject.Limit, versioned, default));
        var versions = Filters("limit=2", TaxiiQueryParameters.GetObjectVersions);
        await MeasureOneAsync("versions", () => TaxiiPages.VersionsAsync(db, view, versions, versions.Limit, versioned, default));
        return results;
    }

    private static TaxiiFilters Filters(string query, TaxiiQueryParameters supported = TaxiiQueryParameters.GetObjects)
    {
        var pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string?>(p[0], p[1]));
        Assert.True(TaxiiFilters.TryParse(pairs, supported, ObjectReads.MaxLimit, out var filters, out var errors), string.Join("; ", errors));
        return filters;
    }

    private static async Task<Partner> AddPartnerAsync(TestNode node)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var now = node.Time.GetUtcNow().UtcDateTime;
        var party = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Partner Party", "IR", isSelf: false, now);
        using var key = NodeKey.Generate();
        var partner = new Partner(party, new Uri("http://127.0.0.1:9/"), key.PublicKey, key.Fingerprint, null, false, now);
        partner.Trust(now);
        db.Add(partner);
        await db.SaveChangesAsync();
        return await db.Partners.AsNoTracking().Include(p => p.Party).SingleAsync(p => p.Id == partner.Id);
    }
}
