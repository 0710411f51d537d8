using Liaison.Live;
using Liaison.Storage;

namespace Liaison.Timers;

/// <summary>
/// The frame of an <see cref="IDueWork"/> pass: one transaction (the timer's, when the pass runs inside one) holding
/// each claim with its effect, saved and committed together; the desks are told what changed only after that.
/// </summary>
public static class DueTransaction
{
    public static async Task<int> RunAsync(LiaisonDbContext db, DeskEvents events, Func<List<DeskSignal>, Task<int>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(work);
        var signals = new List<DeskSignal>();
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var handled = await work(signals);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var signal in signals)
        {
            events.Publish(signal);
        }

        return handled;
    }
}
