using Liaison.Storage;

namespace Liaison.Timers;

/// <summary>
/// Work that falls due at a time stored in the database (an escalation step, an acknowledgement deadline, a
/// request's due date). The due-work timer runs every registered implementation on each tick; each must be
/// idempotent and claim what it fires in the same transaction as its effect, so a restart never fires twice.
/// </summary>
public interface IDueWork
{
    /// <summary>Does everything due at or before <paramref name="now"/>; returns how many items it handled.</summary>
    Task<int> RunDueAsync(LiaisonDbContext db, DateTime now, CancellationToken cancellationToken);
}
