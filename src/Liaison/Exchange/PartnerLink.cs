using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Exchange;

/// <summary>
/// Saves what the exchange notes on a partner's row — last contact, last failure and their count, the pull cursor —
/// by setting exactly those columns, with the caller's other pending changes. A plain save of the tracked row would
/// also write the row's JSON-mapped hotlines (EF Core includes the JSON column in the owner's UPDATE), putting back
/// the hotlines of the copy read before an administrator changed them: the exchange writes these notes all the time,
/// often from a copy read seconds earlier (a pull page, a push), so the administrator's change was lost.
/// </summary>
public static class PartnerLink
{
    private static readonly string[] Notes =
    [
        nameof(Partner.LastContactAt), nameof(Partner.LastFailureAt), nameof(Partner.LastFailure),
        nameof(Partner.ConsecutiveFailures), nameof(Partner.PullCursor), nameof(Partner.LastPullAt),
    ];

    public static async Task SaveAsync(LiaisonDbContext db, Partner partner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(partner);
        var entry = db.Entry(partner);
        var changed = entry.State == EntityState.Modified
            ? entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList()
            : [];
        if (changed.Count == 0 || changed.Except(Notes).Any())
        {
            // Nothing noted, or more than notes changed (an administrator's edit): the ordinary save.
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        // The values noted, taken before the row is marked as saved.
        var (contact, failureAt, failure, failures, cursor, pulled) =
            (partner.LastContactAt, partner.LastFailureAt, partner.LastFailure, partner.ConsecutiveFailures, partner.PullCursor, partner.LastPullAt);
        // Marked as saved without losing them: marking a modified row unchanged would put its original values back.
        entry.OriginalValues.SetValues(entry.CurrentValues);
        entry.State = EntityState.Unchanged;
        await db.Partners.Where(p => p.Id == partner.Id).ExecuteUpdateAsync(set =>
        {
            foreach (var name in changed)
            {
                switch (name)
                {
                    case nameof(Partner.LastContactAt): set.SetProperty(p => p.LastContactAt, contact); break;
                    case nameof(Partner.LastFailureAt): set.SetProperty(p => p.LastFailureAt, failureAt); break;
                    case nameof(Partner.LastFailure): set.SetProperty(p => p.LastFailure, failure); break;
                    case nameof(Partner.ConsecutiveFailures): set.SetProperty(p => p.ConsecutiveFailures, failures); break;
                    case nameof(Partner.PullCursor): set.SetProperty(p => p.PullCursor, cursor); break;
                    default: set.SetProperty(p => p.LastPullAt, pulled); break;
                }
            }
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
    }
}
