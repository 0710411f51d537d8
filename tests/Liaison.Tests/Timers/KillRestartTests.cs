using System.Net;
using System.Net.Http.Json;
using Liaison.Features.Alerts;
using Liaison.Features.Escalation;
using Liaison.Features.Notifications;
using Liaison.Features.Officers;
using Liaison.Features.Parties;
using Liaison.Features.Sectors;
using Liaison.Tests.Features.Alerts;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Liaison.Tests.Timers;

/// <summary>
/// The durable timer across a real crash: the receiving node runs as its own OS process on the real clock, is killed
/// with SIGKILL between two escalation steps and started again after the next one fell due (issue 5, item 2:
/// "a node killed in the middle of a window fires the due steps on time after it restarts, and never fires a step
/// twice"). Assertions are on counts, order and generous bounds, never on exact timing, so a loaded machine is slow
/// but not wrong.
/// </summary>
public sealed class KillRestartTests(ITestOutputHelper output)
{
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();

    /// <summary>Steps after receipt on the receiving node, configured through its environment as an operator would.</summary>
    private static readonly (string Rung, int Seconds)[] Ladder =
    [
        ("duty-officer", 2),
        ("supervisor", 10),
        ("head-of-desk", 24),
        ("everyone-on-duty", 60),
        ("everyone-on-duty", 120),
    ];

    /// <summary>A step fired by a running node's 1 s timer is this late at most, even on a busy two-core machine.</summary>
    private static readonly TimeSpan Ticks = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ReceivingNodeKilledMidWindow_FiresEachDueStepExactlyOnce_AndAcknowledgementCancelsTheRest()
    {
        var environment = new Dictionary<string, string> { ["Timers__Tick"] = "00:00:01" };
        for (var i = 0; i < Ladder.Length; i++)
        {
            environment[$"Escalation__Ladders__flash__{i}__Rung"] = Ladder[i].Rung;
            environment[$"Escalation__Ladders__flash__{i}__Delay"] = TimeSpan.FromSeconds(Ladder[i].Seconds).ToString("c");
        }

        var creating = new[]
        {
            NodeProcess.CreateAsync("Pakistan border desk (process)", "PK"),
            NodeProcess.CreateAsync("Iran border desk (process)", "IR", environment),
        };
        await Task.WhenAll(creating);
        await using var a = await creating[0];
        await using var b = await creating[1];
        Phase("both data folders made");
        await RosterAsync(b);
        await Task.WhenAll(a.StartAsync(), b.StartAsync());
        Phase("both nodes listening");
        await NodeProcess.PairAsync(a, b);
        Phase("paired");
        // The sender's window for FLASH on this link, as an administrator sets it (the shortest allowed).
        await a.WithDbAsync(async db =>
        {
            var partner = await db.Partners.Include(p => p.Party).SingleAsync(p => p.Party.StixId == b.Init.PartyIdentity);
            partner.SetAckWindows(new Dictionary<Precedence, TimeSpan> { [Precedence.Flash] = TimeSpan.FromSeconds(30) });
            return await db.SaveChangesAsync();
        });

        var onA = await a.SignInNewUserAsync("officer", "LiaisonOfficer");
        var onB = await b.SignInNewUserAsync("officer", "LiaisonOfficer");
        var validUntil = TimeProvider.System.GetUtcNow().AddHours(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Phase("signed in");
        var alert = (await AlertTesting.RaiseAsync(onA, AlertTesting.Valid(validUntil: validUntil))).GetProperty("id").GetString()!;

        await b.EventuallyAsync(async () => (await StepsAsync(b, alert)).Count == Ladder.Length, "B receives the alert and plans its ladder", TimeSpan.FromSeconds(20));
        Phase("B planned the ladder");
        var planned = await StepsAsync(b, alert);
        var received = planned[0].DueAt - TimeSpan.FromSeconds(Ladder[0].Seconds);
        Assert.Equal(Ladder.Select(s => (double)s.Seconds), planned.Select(s => (s.DueAt - received).TotalSeconds));
        var deadline = await b.WithDbAsync(db => db.Set<AlertRecipient>().Where(r => r.Party.StixId == b.Init.PartyIdentity).Select(r => r.Deadline).SingleAsync());
        Assert.InRange((deadline - received).TotalSeconds, 20, 30);

        // Step 1 fires on the running node; the node is killed before step 2 is due.
        await b.EventuallyAsync(async () => (await StepsAsync(b, alert))[0].State == EscalationStepState.Fired, "step 1 fires", TimeSpan.FromSeconds(20));
        Phase("step 1 fired");
        await b.KillAsync();
        Phase("B killed");
        var afterKill = await StepsAsync(b, alert);
        Assert.True(afterKill.Skip(1).All(s => s.State == EscalationStepState.Pending),
            $"the machine was too slow to kill the node before step 2 fell due: {string.Join(", ", afterKill.Select(s => s.State))}");

        // Down while step 2 falls due; started again after it.
        await Task.Delay(Until(afterKill[1].DueAt) + TimeSpan.FromSeconds(1));
        var restartedAt = Now();
        Assert.Equal(EscalationStepState.Pending, (await StepsAsync(b, alert))[1].State);
        await b.StartAsync();
        var readyAt = Now();
        Phase("B restarted");

        await b.EventuallyAsync(async () => (await StepsAsync(b, alert))[1].State == EscalationStepState.Fired, "step 2 fires after the restart", TimeSpan.FromSeconds(20));
        var step2 = (await StepsAsync(b, alert))[1];
        Phase($"step 2 fired {step2.LateSeconds:0.0} s late");
        Assert.InRange(step2.FiredAt!.Value, restartedAt, readyAt + Ticks);
        Assert.True(step2.LateSeconds > 0, "a step missed while the node was down is recorded as late");

        await b.EventuallyAsync(async () => (await StepsAsync(b, alert))[2].State == EscalationStepState.Fired, "step 3 fires", Until(planned[2].DueAt) + TimeSpan.FromSeconds(20));
        var step3 = (await StepsAsync(b, alert))[2];
        Phase($"step 3 fired {(step3.FiredAt - step3.DueAt)?.TotalSeconds:0.0} s after due");
        if (step3.DueAt > readyAt)
        {
            // Fell due while the node was up again: on time, never early.
            Assert.InRange(step3.FiredAt!.Value, step3.DueAt, step3.DueAt + Ticks);
        }
        else
        {
            // The machine was so slow that the node was still starting when step 3 fell due: then it is as step 2.
            output.WriteLine($"the node was ready only at {readyAt:O}, after step 3 was due at {step3.DueAt:O}");
            Assert.InRange(step3.FiredAt!.Value, restartedAt, readyAt + Ticks);
        }

        var acknowledged = Now();
        await Expect.StatusAsync(HttpStatusCode.OK, await onB.PostAsJsonAsync($"/api/alerts/{alert}/acknowledge", new { response = "Patrols out" }));
        var steps = await StepsAsync(b, alert);
        Assert.Equal(
            [EscalationStepState.Fired, EscalationStepState.Fired, EscalationStepState.Fired, EscalationStepState.Cancelled, EscalationStepState.Cancelled],
            steps.Select(s => s.State));
        Assert.Single(steps.Where(s => s.CancelledAt is not null).Select(s => s.CancelledAt).Distinct());
        Assert.True(steps[3].CancelledAt >= acknowledged && steps[3].CancelledAt < steps[3].DueAt, $"cancelled at {steps[3].CancelledAt:O}, acknowledged at {acknowledged:O}");

        // A few more ticks: nothing fires after the acknowledgement, and every fired step fired once.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var notifications = await b.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.RecordId == alert).ToListAsync());
        Assert.Equal(steps.Take(3).Select(s => (long?)s.Id), notifications.OrderBy(n => n.Id).Select(n => n.StepId));
        Assert.Equal(["duty-officer officer", "supervisor officer", "head-of-desk officer"], notifications.OrderBy(n => n.Id).Select(n => n.OfficerName));
        var events = await b.WithDbAsync(db => db.Set<AlertEvent>().AsNoTracking()
            .Where(e => db.Set<Alert>().Any(x => x.Id == e.AlertId && x.StixId == alert) && (e.Kind == EscalationEvents.Escalated || e.Kind == EscalationEvents.Cancelled))
            .OrderBy(e => e.Id).Select(e => e.Kind).ToListAsync());
        Assert.Equal([EscalationEvents.Escalated, EscalationEvents.Escalated, EscalationEvents.Escalated, EscalationEvents.Cancelled], events);
        Assert.Equal([EscalationStepState.Fired, EscalationStepState.Fired, EscalationStepState.Fired, EscalationStepState.Cancelled, EscalationStepState.Cancelled],
            (await StepsAsync(b, alert)).Select(s => s.State));
        Assert.Equal(2, b.Starts);
    }

    private void Phase(string what) => output.WriteLine($"{_clock.Elapsed.TotalSeconds,6:0.0} s  {what}");

    private static DateTime Now() => TimeProvider.System.GetUtcNow().UtcDateTime;

    private static TimeSpan Until(DateTime at) => at > Now() ? at - Now() : TimeSpan.Zero;

    private static Task<List<EscalationStep>> StepsAsync(NodeProcess node, string alertId) =>
        node.WithDbAsync(db => db.Set<EscalationStep>().AsNoTracking()
            .Where(s => db.Set<Alert>().Any(a => a.Id == s.AlertId && a.StixId == alertId)).OrderBy(s => s.Index).ToListAsync());

    /// <summary>A sector and one of the receiving party's own officers on duty at each rung, for the next day.</summary>
    private static Task RosterAsync(NodeProcess node) => node.WithDbAsync(async db =>
    {
        var now = Now();
        var self = await db.Parties.SelfAsync();
        var sector = new Sector("S-KILL", new SectorDetails("Kill test sector", new CheckedGeometry("Point", """{"type":"Point","coordinates":[62,27]}""", new BoundingBox(62, 27, 62, 27)), null, null, null), now);
        db.Add(sector);
        foreach (var role in new[] { DutyRole.DutyOfficer, DutyRole.Supervisor, DutyRole.HeadOfDesk })
        {
            var officer = new Officer(self, new OfficerDetails($"{DutyRoles.Name(role)} officer", "Captain", null, sector, ["fa"], [new ContactChannel(ContactKind.Radio, "channel 7")]), now);
            db.Add(officer);
            db.Add(new DutyShift(officer, sector, role, now.AddHours(-1), now.AddHours(23), now));
        }

        return await db.SaveChangesAsync();
    });
}
