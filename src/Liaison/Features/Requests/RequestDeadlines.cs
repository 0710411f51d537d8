using Liaison.Exchange;
using Liaison.Features.Alerts;
using Liaison.Live;
using Liaison.Storage;
using Liaison.Timers;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Requests;

/// <summary>
/// Due dates, on both nodes: once a request's due time passes with neither an answer nor a refusal (and it was not
/// withdrawn), each node that holds it marks it overdue — once, claimed by a conditional update in the same
/// transaction as the timeline event, so two instances or a restart never mark it twice, and a node that was down
/// at the due time marks it on its first tick. Also notes when the addressee's signed receipt for an own request arrives.
/// </summary>
public sealed class RequestDeadlines(DeskEvents events) : IDueWork
{
    private const int Batch = 200;

    /// <inheritdoc/>
    public Task<int> RunDueAsync(LiaisonDbContext db, DateTime now, CancellationToken cancellationToken) =>
        DueTransaction.RunAsync(db, events, async signals =>
        {
            var undelivered = await db.Set<PartyRequest>().Include(r => r.OriginParty).Include(r => r.AddresseeParty)
                .Where(r => r.OriginParty.IsSelf && r.DeliveredAt == null && db.Set<Delivery>().Any(d =>
                    d.State == DeliveryState.Delivered && d.Partner.PartyId == r.AddresseePartyId && d.Shared.StixId == r.StixId))
                .OrderBy(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
            await RequestDeliveries.SyncAsync(db, undelivered, cancellationToken);
            signals.AddRange(undelivered.Where(r => r.DeliveredAt is not null).Select(r => new DeskSignal("request", r.StixId)));

            var due = await db.Set<PartyRequest>()
                .Where(r => r.Outcome == null && r.WithdrawnAt == null && r.OverdueAt == null && r.Due <= now)
                .Select(r => new { r.Id, r.StixId, r.Priority, r.Due, Sectors = r.SectorCodes, Addressee = r.AddresseeParty.StixId, AddresseeName = r.AddresseeParty.Name, Incoming = !r.OriginParty.IsSelf })
                .OrderBy(r => r.Due).Take(Batch).ToListAsync(cancellationToken);
            var marked = 0;
            foreach (var row in due)
            {
                var claimed = await db.Set<PartyRequest>().Where(r => r.Id == row.Id && r.OverdueAt == null && r.Outcome == null && r.WithdrawnAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.OverdueAt, now), cancellationToken);
                if (claimed == 0)
                {
                    continue;
                }

                marked++;
                var entry = new RequestEvent(RequestEvents.Overdue, now, null, row.Addressee, $"{row.AddresseeName}: no answer by {row.Due:yyyy-MM-dd HH:mm:ss}Z");
                db.Add(entry);
                db.Entry(entry).Property(e => e.RequestId).CurrentValue = row.Id;
                signals.Add(new DeskSignal("request", row.StixId, row.Incoming ? row.Addressee : null, Precedences.Name(row.Priority), row.Sectors.FirstOrDefault()));
            }

            return marked;
        }, cancellationToken);
}
