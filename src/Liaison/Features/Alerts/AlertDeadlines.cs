using Liaison.Exchange;
using Liaison.Live;
using Liaison.Storage;
using Liaison.Timers;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Alerts;

/// <summary>
/// The sender's side of acknowledgement deadlines: once a recipient's deadline passes unacknowledged, its row is
/// marked overdue — once, claimed by a conditional update in the same transaction as the timeline event, so two
/// instances or a restart never mark it twice. Also notes on each timeline when a partner's signed receipt arrives.
/// </summary>
public sealed class AlertDeadlines(DeskEvents events) : IDueWork
{
    private const int Batch = 200;

    /// <inheritdoc/>
    public Task<int> RunDueAsync(LiaisonDbContext db, DateTime now, CancellationToken cancellationToken) =>
        DueTransaction.RunAsync(db, events, async signals =>
        {
            var undelivered = await db.Set<Alert>().Include(a => a.OriginParty).Include(a => a.Recipients).ThenInclude(r => r.Party)
                .Where(a => a.OriginParty.IsSelf && a.Recipients.Any(r => r.DeliveredAt == null && db.Set<Delivery>().Any(d =>
                    d.State == DeliveryState.Delivered && d.Partner.PartyId == r.PartyId && d.Shared.StixId == a.StixId && d.Shared.VersionAt >= r.AddressedVersionAt)))
                .OrderBy(a => a.Id).Take(Batch).ToListAsync(cancellationToken);
            await AlertDeliveries.SyncAsync(db, undelivered, now, cancellationToken);

            var due = await db.Set<AlertRecipient>()
                .Where(r => r.AcknowledgedAt == null && r.OverdueAt == null && r.Deadline <= now)
                .Join(db.Set<Alert>().Where(a => a.OriginParty.IsSelf && a.Status == AlertStatus.Active), r => r.AlertId, a => a.Id,
                    (r, a) => new { r.Id, r.AlertId, a.StixId, a.Precedence, Sectors = a.SectorCodes, Party = r.Party.StixId, PartyName = r.Party.Name, r.Deadline })
                .OrderBy(r => r.Deadline).Take(Batch).ToListAsync(cancellationToken);
            var marked = 0;
            foreach (var row in due)
            {
                var claimed = await db.Set<AlertRecipient>().Where(r => r.Id == row.Id && r.OverdueAt == null && r.AcknowledgedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.OverdueAt, now), cancellationToken);
                if (claimed == 0)
                {
                    continue;
                }

                marked++;
                await AlertTimeline.AddAsync(db, row.AlertId, AlertEvents.Overdue, $"{row.PartyName}: no acknowledgement by {row.Deadline:yyyy-MM-dd HH:mm:ss}Z", now, null, row.Party, cancellationToken);
                signals.Add(new DeskSignal("alert", row.StixId, null, Precedences.Name(row.Precedence), row.Sectors.FirstOrDefault()));
            }

            return marked;
        }, cancellationToken);
}

/// <summary>Copies the partner's signed delivery receipt onto each recipient row once the outbox has one.</summary>
public static class AlertDeliveries
{
    /// <summary>
    /// For each recipient row not yet delivered: the first delivery to that party, confirmed by its signed TAXII
    /// status, of the version first sent to it or any later one (a later version carries the whole alert).
    /// </summary>
    public static async Task SyncAsync(LiaisonDbContext db, IReadOnlyCollection<Alert> alerts, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(alerts);
        var open = alerts.Where(a => a.Recipients.Any(r => r.DeliveredAt == null)).ToList();
        if (open.Count == 0)
        {
            return;
        }

        var ids = open.Select(a => a.StixId).ToList();
        var delivered = await db.Set<Delivery>().AsNoTracking()
            .Where(d => d.State == DeliveryState.Delivered && ids.Contains(d.Shared.StixId))
            .Select(d => new { d.Shared.StixId, d.Partner.PartyId, d.Shared.VersionAt, d.DeliveredAt, d.ReceiptId })
            .ToListAsync(cancellationToken);
        foreach (var alert in open)
        {
            foreach (var row in alert.Recipients.Where(r => r.DeliveredAt == null))
            {
                var first = delivered.Where(d => d.StixId == alert.StixId && d.PartyId == row.PartyId && d.VersionAt >= row.AddressedVersionAt && d.DeliveredAt != null)
                    .OrderBy(d => d.DeliveredAt).FirstOrDefault();
                if (first is null)
                {
                    continue;
                }

                row.Delivered(first.DeliveredAt!.Value, first.ReceiptId);
                alert.Events.Add(new AlertEvent(AlertEvents.Delivered, first.DeliveredAt.Value, null, row.Party.StixId, $"{row.Party.Name}: signed receipt {first.ReceiptId}"));
            }
        }
    }
}
