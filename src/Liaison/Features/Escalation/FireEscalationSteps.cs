using Liaison.Features.Alerts;
using Liaison.Features.Parties;
using Liaison.Features.Notifications;
using Liaison.Features.Officers;
using Liaison.Live;
using Liaison.Storage;
using Liaison.Timers;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Escalation;

/// <summary>
/// Fires each escalation step that is due, exactly once. Each step is claimed by a conditional update
/// (pending → fired where still pending) in one transaction with its notifications and timeline event: a crash
/// between them rolls both back, a restart fires it once (late, and records how late), and of two instances on one
/// database only the one whose update changed the row goes on. Channels and desk signals follow the commit.
/// </summary>
public sealed class FireEscalationSteps(DeskEvents events, IEnumerable<INotificationChannel> channels, ILogger<FireEscalationSteps> logger) : IDueWork
{
    private const int Batch = 100;

    /// <inheritdoc/>
    public async Task<int> RunDueAsync(LiaisonDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var due = await db.Set<EscalationStep>().AsNoTracking()
            .Where(s => s.State == EscalationStepState.Pending && s.DueAt <= now)
            .OrderBy(s => s.DueAt).ThenBy(s => s.AlertId).ThenBy(s => s.Index)
            .Select(s => s.Id).Take(Batch).ToListAsync(cancellationToken);
        var fired = 0;
        foreach (var stepId in due)
        {
            if (await FireAsync(db, stepId, now, cancellationToken))
            {
                fired++;
            }
        }

        return fired;
    }

    private async Task<bool> FireAsync(LiaisonDbContext db, long stepId, DateTime now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        List<Notification> written;
        DeskSignal signal;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The claim is the transaction's first statement, so it takes the write lock before reading anything.
            var claimed = await db.Set<EscalationStep>().Where(s => s.Id == stepId && s.State == EscalationStepState.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.State, EscalationStepState.Fired).SetProperty(s => s.FiredAt, now), cancellationToken);
            if (claimed == 0)
            {
                return false;
            }

            var step = await db.Set<EscalationStep>().AsNoTracking().SingleAsync(s => s.Id == stepId, cancellationToken);
            var late = Math.Max(0, (now - step.DueAt).TotalSeconds);

            var alert = await db.Set<Alert>().AsNoTracking().SingleAsync(a => a.Id == step.AlertId, cancellationToken);
            var self = await db.Parties.SelfAsync(cancellationToken);
            var officers = await OfficersAtAsync(db, self.Id, step.Rung, alert.SectorCodes, now, cancellationToken);
            var rung = EscalationRungs.Name(step.Rung);
            var what = $"{Precedences.Name(alert.Precedence).ToUpperInvariant()} alert from {alert.RaisedBy} not acknowledged: {alert.Title}";
            written = officers.Count == 0
                ? [new Notification("alert", alert.Id, alert.StixId, step.Id, rung, null, null, null, $"Nobody on duty as {rung}. {what}", InAppChannel.ChannelName, now)]
                : [.. officers.Select(o => new Notification("alert", alert.Id, alert.StixId, step.Id, rung, o.Id, o.FullName,
                    string.Join("; ", o.Contacts.Select(c => $"{c.Kind.ToString().ToLowerInvariant()}: {c.Value}")), what, InAppChannel.ChannelName, now))];
            db.AddRange(written);
            var detail = officers.Count == 0
                ? $"step {step.Index + 1} ({rung}): nobody on duty, desk notified"
                : $"step {step.Index + 1} ({rung}): {string.Join(", ", officers.Select(o => o.FullName))}";
            if (late >= 1)
            {
                detail += $"; {late:0} s late";
            }

            await AlertTimeline.AddAsync(db, alert.Id, EscalationEvents.Escalated, detail, now, cancellationToken);
            await db.Set<EscalationStep>().Where(s => s.Id == stepId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Notified, officers.Count).SetProperty(s => s.LateSeconds, late), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            signal = new DeskSignal("escalation", alert.StixId, self.StixId, Precedences.Name(alert.Precedence), alert.SectorCodes.FirstOrDefault());
        }

        foreach (var notification in written)
        {
            foreach (var channel in channels)
            {
                try
                {
                    await channel.SendAsync(notification, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Channel {Channel} failed on notification {Id}", channel.Name, notification.Id);
                }
            }
        }

        events.Publish(signal);
        return true;
    }

    /// <summary>
    /// This party's own officers on duty now at <paramref name="rung"/> in the alert's sectors (any sector when it names
    /// none); everyone on duty anywhere for the last rung.
    /// </summary>
    private static async Task<List<Officer>> OfficersAtAsync(LiaisonDbContext db, int selfPartyId, EscalationRung rung, List<string> sectorCodes, DateTime now, CancellationToken cancellationToken)
    {
        // Partner officers are on the roster too (exchanged); only this party's own are called.
        var shifts = db.Set<DutyShift>().AsNoTracking().Where(s => s.Officer.PartyId == selfPartyId && s.Start <= now && now < s.End);
        if (rung != EscalationRung.EveryoneOnDuty)
        {
            var role = rung switch
            {
                EscalationRung.DutyOfficer => DutyRole.DutyOfficer,
                EscalationRung.Supervisor => DutyRole.Supervisor,
                _ => DutyRole.HeadOfDesk,
            };
            shifts = shifts.Where(s => s.Role == role);
            if (sectorCodes.Count > 0)
            {
                var codes = sectorCodes.ToList();
                shifts = shifts.Where(s => codes.Contains(s.Sector.Code));
            }
        }

        var ids = await shifts.Select(s => s.OfficerId).Distinct().ToListAsync(cancellationToken);
        return await db.Set<Officer>().AsNoTracking().Where(o => ids.Contains(o.Id)).OrderBy(o => o.FullName).ToListAsync(cancellationToken);
    }
}
