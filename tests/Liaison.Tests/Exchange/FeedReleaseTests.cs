using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange;

/// <summary>The policy as the real outbox applies it: thousands of random records, several partners, one SQLite file.</summary>
public sealed class FeedReleaseTests
{
    [Fact]
    public async Task Outbox_HoldsExactlyWhatThePolicyReleases_AndNoRed()
    {
        await using var node = await TestNode.StartAsync();
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var self = await db.Parties.SelfAsync();
        var partners = new List<Partner>();
        for (var i = 0; i < 4; i++)
        {
            var party = new Party(StixId.NewRandom("identity").ToString(), $"Partner {i}", "IR", isSelf: false, node.Time.GetUtcNow().UtcDateTime);
            using var key = Liaison.Protocol.Signing.NodeKey.Generate();
            var partner = new Partner(party, new Uri($"http://127.0.0.1:{9000 + i}/"), key.PublicKey, key.Fingerprint, null, false, node.Time.GetUtcNow().UtcDateTime);
            partner.Trust(node.Time.GetUtcNow().UtcDateTime);
            db.Add(partner);
            partners.Add(partner);
        }

        await db.SaveChangesAsync();
        var random = new Random(20240118);
        var identities = partners.Select(p => p.Party.StixId).ToArray();
        var expected = new HashSet<(int Partner, string Id)>();
        for (var batch = 0; batch < 20; batch++)
        {
            var items = new List<Feed.Item>();
            for (var k = 0; k < 100; k++)
            {
                var tlp = (TlpLevel)random.Next(0, 5);
                var recipients = identities.Where(_ => random.Next(3) == 0).ToArray();
                var location = new Location
                {
                    Id = StixId.NewRandom(Location.TypeName),
                    Created = node.Time.GetUtcNow(),
                    Modified = node.Time.GetUtcNow(),
                    CreatedByRef = StixId.Parse(self.StixId),
                    Latitude = 27,
                    Longitude = 62,
                    ObjectMarkingRefs = [Tlp.IdOf(tlp)],
                };
                var facts = new ReleaseFacts(self.Id, tlp, recipients, []);
                items.Add(new Feed.Item(StoredStix.Of(location), self.Id, facts));
                foreach (var partner in partners)
                {
                    if (ReleasePolicy.Decide(facts, self.Id, partner.PartyId, partner.Party.StixId) == ReleaseVerdict.Release)
                    {
                        expected.Add((partner.Id, location.Id.ToString()));
                    }
                }
            }

            await using var transaction = await Feed.BeginAsync(db, default);
            await Feed.AppendAsync(db, node.Time, items, default);
            await transaction.CommitAsync();
        }

        var actual = await db.Deliveries.AsNoTracking().Select(d => new { d.PartnerId, d.Shared.StixId, d.Shared.Tlp }).ToListAsync();
        Assert.DoesNotContain(actual, d => d.Tlp == TlpLevel.Red);
        Assert.Equal(expected.OrderBy(e => e.Partner).ThenBy(e => e.Id, StringComparer.Ordinal), actual.Select(a => (a.PartnerId, a.StixId)).OrderBy(e => e.PartnerId).ThenBy(e => e.StixId, StringComparer.Ordinal));
        Assert.True(actual.Count > 1000, "the random mix should release plenty");
        Assert.Equal(2000, await db.SharedObjects.CountAsync(o => o.Type == Location.TypeName));
    }

    [Fact]
    public async Task DateAdded_IsStrictlyIncreasing_InCommitOrder_UnderConcurrentWriters()
    {
        await using var node = await TestNode.StartAsync();
        var self = await WithDbAsync(node, db => db.Parties.SelfAsync());
        await Parallel.ForEachAsync(Enumerable.Range(0, 8), async (writer, ct) =>
        {
            for (var i = 0; i < 10; i++)
            {
                await WithDbAsync(node, async db =>
                {
                    var identity = new Identity { Id = StixId.NewRandom(Identity.TypeName), Created = node.Time.GetUtcNow(), Modified = node.Time.GetUtcNow(), Name = $"w{writer}-{i}", CreatedByRef = StixId.Parse(self.StixId) };
                    await using var transaction = await Feed.BeginAsync(db, ct);
                    await Feed.AppendAsync(db, node.Time, [new Feed.Item(StoredStix.Of(identity), self.Id, new ReleaseFacts(self.Id, null, [], []))], ct);
                    await transaction.CommitAsync(ct);
                    return 0;
                });
            }
        });

        var rows = await WithDbAsync(node, db => db.SharedObjects.AsNoTracking().OrderBy(o => o.Seq).Select(o => o.DateAdded).ToListAsync());
        Assert.Equal(80, rows.Count);
        Assert.True(rows.Zip(rows.Skip(1)).All(p => p.First < p.Second), "date_added must grow with every commit");
    }

    private static async Task<T> WithDbAsync<T>(TestNode node, Func<LiaisonDbContext, Task<T>> action)
    {
        using var scope = node.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>());
    }
}
