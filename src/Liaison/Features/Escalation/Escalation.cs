using Liaison.Features.Alerts;
using Liaison.Features.Parties;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;

namespace Liaison.Features.Escalation;

/// <summary>
/// The receiving node's duty ladder for an alert addressed to its party: sector duty officer, then supervisor,
/// then head of desk, then everyone on duty, each step after its configured delay. Acknowledgement cancels every
/// pending step at once. Steps are rows with a due time, fired by the due-work timer exactly once.
/// </summary>
public static class Escalation
{
    /// <summary>Plans the ladder for a newly received alert, inside the caller's transaction (the ingest of the alert).</summary>
    public static async Task StartAsync(LiaisonDbContext db, int alertId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Set<EscalationStep>().AnyAsync(s => s.AlertId == alertId, cancellationToken))
        {
            return;
        }

        var alert = await db.Set<Alert>().Include(a => a.Recipients).SingleAsync(a => a.Id == alertId, cancellationToken);
        var self = await db.Parties.SelfAsync(cancellationToken);
        var mine = alert.Recipients.SingleOrDefault(r => r.PartyId == self.Id);
        if (mine is null || mine.IsAcknowledged)
        {
            return;
        }

        // The ingest that calls this has no other way to the node's configuration than the context's application services.
        var options = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider
            ?.GetService<IOptions<EscalationOptions>>()?.Value ?? new EscalationOptions();
        var received = mine.AddressedAt;
        var window = mine.Deadline > received ? mine.Deadline - received : TimeSpan.Zero;
        var index = 0;
        foreach (var (rung, delay) in options.LadderFor(alert.Precedence, window))
        {
            db.Add(new EscalationStep(alertId, index++, rung, received + delay, now));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Cancels every pending step of the alert, inside the caller's transaction (the acknowledgement).</summary>
    public static async Task CancelAsync(LiaisonDbContext db, int alertId, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One statement: a step the timer is firing right now either fired before this (and stays fired) or stays cancelled.
        var cancelled = await db.Set<EscalationStep>().Where(s => s.AlertId == alertId && s.State == EscalationStepState.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, EscalationStepState.Cancelled).SetProperty(s => s.CancelledAt, now), cancellationToken);
        if (cancelled > 0)
        {
            await AlertTimeline.AddAsync(db, alertId, EscalationEvents.Cancelled, $"{cancelled} pending escalation step(s) cancelled", now, cancellationToken);
        }
    }

    /// <summary>The alert's ladder, first step first.</summary>
    public static async Task<IReadOnlyList<EscalationStep>> StepsAsync(LiaisonDbContext db, int alertId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<EscalationStep>().AsNoTracking().Where(s => s.AlertId == alertId).OrderBy(s => s.Index).ToListAsync(cancellationToken);
    }
}

/// <summary>The escalation feature's kinds of alert timeline event.</summary>
public static class EscalationEvents
{
    public const string Escalated = "escalated";
    public const string Cancelled = "escalation-cancelled";
}
