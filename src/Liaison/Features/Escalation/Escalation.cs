using Liaison.Storage;

namespace Liaison.Features.Escalation;

/// <summary>
/// The receiving node's duty ladder for an alert addressed to its party: sector duty officer, then supervisor,
/// then head of desk, then everyone on duty, each step after its configured delay. Acknowledgement cancels every
/// pending step at once. Steps are rows with a due time, fired by the due-work timer exactly once.
/// </summary>
public static class Escalation
{
    /// <summary>Plans the ladder for a newly received alert, inside the caller's transaction (the ingest of the alert).</summary>
    public static Task StartAsync(LiaisonDbContext db, int alertId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Filled in by the escalation feature.
        return Task.CompletedTask;
    }

    /// <summary>Cancels every pending step of the alert, inside the caller's transaction (the acknowledgement).</summary>
    public static Task CancelAsync(LiaisonDbContext db, int alertId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return Task.CompletedTask;
    }
}
