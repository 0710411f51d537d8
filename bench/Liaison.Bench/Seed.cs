using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Bench;

/// <summary>
/// Fills a node's shared store fast: STIX <c>location</c> objects (TLP:GREEN, issued by the node) appended through
/// <see cref="Feed"/> — the same append, outbox rows and ordering the features use — a thousand per transaction
/// instead of one per request. Each is about 400 bytes of JSON, near a small alert.
/// </summary>
internal static class Seed
{
    public static async Task LocationsAsync(BenchNode node, int count, int batch = 1000)
    {
        ArgumentNullException.ThrowIfNull(node);
        var self = await node.WithDbAsync(db => db.Parties.AsNoTracking().SelfAsync());
        var creator = StixId.Parse(self.StixId);
        for (var done = 0; done < count; done += batch)
        {
            var size = Math.Min(batch, count - done);
            using var scope = node.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            var now = TimeProvider.System.GetUtcNow();
            IReadOnlyList<Feed.Outgoing> objects = [.. Enumerable.Range(done, size).Select(i => new Feed.Outgoing(Location(creator, now, i), []))];
            await db.SaveAndShareAsync(TimeProvider.System, _ => Task.FromResult(objects), default);
        }
    }

    private static Location Location(StixId creator, DateTimeOffset now, int index) => new()
    {
        Id = StixId.NewRandom(Protocol.Stix.Location.TypeName),
        Created = now,
        Modified = now,
        CreatedByRef = creator,
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Green)],
        Name = $"Observation post {index}",
        Description = "Seeded by the Liaison bench: a post on the border road, manned around the clock, with a radio relay.",
        Latitude = 27 + (index % 1000) / 1000.0,
        Longitude = 62 + (index / 1000 % 1000) / 1000.0,
        Country = "PK",
    };
}
