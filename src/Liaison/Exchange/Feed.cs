using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Exchange;

/// <summary>
/// Appends object versions to the node's shared store and to each partner's outbox, in the transaction of the
/// change that produced them (DESIGN §3: "a change to a shareable record writes an outbox row in the same
/// transaction"). Appends are serialized — SQLite's <c>BEGIN IMMEDIATE</c>, PostgreSQL's transaction-scoped
/// advisory lock — so <c>date_added</c> values are strictly increasing in commit order, and a reader paging by
/// <c>added_after</c> can never see a later one before an earlier one commits.
/// </summary>
public static class Feed
{
    /// <summary>An object version this node issues, with the originator's release instruction.</summary>
    public sealed record Outgoing(IStixObject Stix, IReadOnlyCollection<string> Recipients);

    /// <summary>A version to append, with the party it came from and how it may be released.</summary>
    internal sealed record Item(StoredStix Stix, int OriginPartyId, ReleaseFacts Release);

    /// <summary>What happened to one appended version.</summary>
    internal enum Outcome
    {
        Added,
        AlreadyHeld,
    }

    private const long PostgresLockKey = 0x4c49_4149_534f_4e; // "LIAISON"

    /// <summary>Saves the caller's pending changes and shares what <paramref name="produce"/> returns, atomically.</summary>
    public static async Task SaveAndShareAsync(
        this LiaisonDbContext db, TimeProvider time, Func<CancellationToken, Task<IReadOnlyList<Outgoing>>> produce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(produce);
        await using var transaction = await BeginAsync(db, cancellationToken);
        await db.CommitAndShareAsync(transaction, time, produce, cancellationToken);
    }

    /// <summary>
    /// Saves the caller's pending changes, shares what <paramref name="produce"/> returns and commits, in the
    /// transaction the caller began with <see cref="BeginAsync"/> — to read the record it changes under the same
    /// lock, so the change is made on what the last one saved and the version shared carries both.
    /// </summary>
    public static async Task CommitAndShareAsync(
        this LiaisonDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, TimeProvider time,
        Func<CancellationToken, Task<IReadOnlyList<Outgoing>>> produce, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(produce);
        await db.SaveChangesAsync(cancellationToken);
        await ShareAsync(db, time, await produce(cancellationToken), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Relay.Poke();
    }

    /// <summary>As above, for versions known before the save.</summary>
    public static Task CommitAndShareAsync(
        this LiaisonDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, TimeProvider time,
        IReadOnlyList<Outgoing> outgoing, CancellationToken cancellationToken) =>
        db.CommitAndShareAsync(transaction, time, _ => Task.FromResult(outgoing), cancellationToken);

    /// <summary>Shares this node's object versions inside the caller's <see cref="BeginAsync"/> transaction.</summary>
    public static async Task ShareAsync(LiaisonDbContext db, TimeProvider time, IReadOnlyList<Outgoing> outgoing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(outgoing);
        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        await AppendAsync(db, time, [.. outgoing.Select(o => new Item(StoredStix.Of(o.Stix), self.Id, new ReleaseFacts(self.Id, null, o.Recipients, [])))], cancellationToken);
    }

    /// <summary>Begins the serialized transaction appends need (or joins the caller's, which must be one).</summary>
    public static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(LiaisonDbContext db, CancellationToken cancellationToken)
    {
        // Microsoft.Data.Sqlite begins non-deferred transactions with BEGIN IMMEDIATE: the write lock is taken now.
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresLockKey})", cancellationToken);
        }

        return transaction;
    }

    /// <summary>
    /// Appends versions not yet held and writes a delivery for every partner the policy releases each to.
    /// Must run inside <see cref="BeginAsync"/>'s transaction. Returns what happened to each item, in order.
    /// </summary>
    internal static async Task<IReadOnlyList<(Outcome Outcome, SharedObject Object)>> AppendAsync(
        LiaisonDbContext db, TimeProvider time, IReadOnlyList<Item> items, CancellationToken cancellationToken)
    {
        var results = new List<(Outcome, SharedObject)>(items.Count);
        if (items.Count == 0)
        {
            return results;
        }

        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        var partners = await db.Set<Partner>().Include(p => p.Party)
            .Where(p => p.State != PartnerState.Pending).ToListAsync(cancellationToken);
        var clock = await Clock.StartAsync(db, time, cancellationToken);
        var ids = items.Select(i => i.Stix.Id).Distinct().ToList();
        var held = await db.Set<SharedObject>().Where(o => ids.Contains(o.StixId)).ToListAsync(cancellationToken);

        foreach (var item in items)
        {
            var versions = held.Where(o => o.StixId == item.Stix.Id).ToList();
            if (versions.FirstOrDefault(o => o.VersionAt == item.Stix.VersionAt) is { } existing)
            {
                results.Add((Outcome.AlreadyHeld, existing));
                continue;
            }

            var added = new SharedObject(item.Stix, item.OriginPartyId, item.Release with { Tlp = item.Stix.Tlp }, clock.NextObject());
            var latest = versions.FirstOrDefault(o => o.IsLatest);
            if (latest is not null && latest.VersionAt > added.VersionAt)
            {
                // A late older version (reordered delivery): kept in history, never made current.
                added.Supersede();
            }
            else
            {
                latest?.Supersede();
            }

            db.Add(added);
            held.Add(added);
            foreach (var partner in partners)
            {
                if (ReleasePolicy.Decide(added.Release, self.Id, partner.PartyId, partner.Party.StixId) == ReleaseVerdict.Release)
                {
                    db.Add(new Delivery(partner.Id, added, clock.NextDelivery()));
                }
            }

            results.Add((Outcome.Added, added));
        }

        await db.SaveChangesAsync(cancellationToken);
        return results;
    }

    /// <summary>
    /// Writes the deliveries a newly trusted (or resumed) partner is owed: every held version the policy releases
    /// to it and that it does not have a row for yet, oldest first.
    /// </summary>
    public static async Task<int> BackfillAsync(LiaisonDbContext db, TimeProvider time, int partnerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await using var transaction = await BeginAsync(db, cancellationToken);
        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        var partner = await db.Set<Partner>().Include(p => p.Party).SingleAsync(p => p.Id == partnerId, cancellationToken);
        var clock = await Clock.StartAsync(db, time, cancellationToken);
        var written = 0;
        var after = DateTime.MinValue;
        while (true)
        {
            var page = await db.Set<SharedObject>().AsNoTracking()
                .Where(o => o.DateAdded > after && !db.Set<Delivery>().Any(d => d.PartnerId == partnerId && d.ObjectSeq == o.Seq))
                .OrderBy(o => o.DateAdded).Take(1000)
                .Select(o => new { o.Seq, o.DateAdded, o.OriginPartyId, o.Tlp, o.Recipients, o.OnwardConsent })
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var o in page)
            {
                var facts = new ReleaseFacts(o.OriginPartyId, o.Tlp, ReleaseFacts.Split(o.Recipients), ReleaseFacts.Split(o.OnwardConsent));
                if (ReleasePolicy.Decide(facts, self.Id, partner.PartyId, partner.Party.StixId) == ReleaseVerdict.Release)
                {
                    db.Add(Delivery.ForBackfill(partnerId, o.Seq, clock.NextDelivery()));
                    written++;
                }
            }

            after = page[^1].DateAdded;
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(cancellationToken);
        Relay.Poke();
        return written;
    }

    /// <summary>Hands out strictly increasing timestamps, microsecond-grained so PostgreSQL stores them exactly.</summary>
    private sealed class Clock
    {
        private DateTime _object;
        private DateTime _delivery;

        private Clock(DateTime now, DateTime lastObject, DateTime lastDelivery)
        {
            _object = Later(now, lastObject);
            _delivery = Later(now, lastDelivery);
        }

        public static async Task<Clock> StartAsync(LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
        {
            var now = Truncate(time.GetUtcNow().UtcDateTime);
            var lastObject = await db.Set<SharedObject>().MaxAsync(o => (DateTime?)o.DateAdded, cancellationToken) ?? DateTime.MinValue;
            var lastDelivery = await db.Set<Delivery>().MaxAsync(d => (DateTime?)d.AddedAt, cancellationToken) ?? DateTime.MinValue;
            return new Clock(now, lastObject, lastDelivery);
        }

        public DateTime NextObject()
        {
            var value = _object;
            _object = _object.AddTicks(10);
            return value;
        }

        public DateTime NextDelivery()
        {
            var value = _delivery;
            _delivery = _delivery.AddTicks(10);
            return value;
        }

        private static DateTime Later(DateTime now, DateTime last) => now > last ? now : last.AddTicks(10);

        private static DateTime Truncate(DateTime value) => new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);
    }
}
