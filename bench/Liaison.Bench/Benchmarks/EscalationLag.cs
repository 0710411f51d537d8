using Liaison.Audit;
using Liaison.Exchange;
using Liaison.Features.Alerts;
using Liaison.Features.Escalation;
using Liaison.Features.Parties;
using Liaison.Live;
using Liaison.Protocol.Signing;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Bench.Benchmarks;

/// <summary>
/// Escalation lag with 10,000 open alerts: a receiving node holds 10,000 unacknowledged partner alerts (ROUTINE,
/// their ladders hours away), and probe alerts (IMMEDIATE, a 6-second window: steps at 0, 2.4, 4.8 and 6 s) arrive
/// one by one. The lag of each fired step is <c>fired_at − due_at</c>, decided by the due-work timer's 1-second tick
/// and by how long a tick takes over the open alerts.
/// </summary>
internal static class EscalationLag
{
    public const string Name = "escalation";

    public static async Task RunAsync(BenchContext bench)
    {
        var open = bench.Scale(full: 10_000, quick: 1_000);
        var probes = bench.Scale(full: 40, quick: 6);
        await using var node = await BenchNode.StartAsync(bench, "Iran border desk (bench)", "IR", x =>
        {
            x.Configuration["Escalation:Ladders:routine:0:Rung"] = "supervisor";
            x.Configuration["Escalation:Ladders:routine:0:Delay"] = "12:00:00";
        });
        var (partner, partnerId) = await LinkAsync(node);
        var self = await node.WithDbAsync(db => db.Parties.Where(p => p.IsSelf).Select(p => p.StixId).SingleAsync());
        var worker = node.Services.GetRequiredService<DueWorker>();

        var idleEmpty = await Measure.RepeatAsync(10, () => worker.RunOnceAsync(TimeProvider.System.GetUtcNow().UtcDateTime));
        await bench.StepAsync($"receive {open:N0} open alerts", async () =>
        {
            for (var done = 0; done < open; done += 500)
            {
                var now = TimeProvider.System.GetUtcNow();
                await ReceiveAsync(node, partnerId, [.. Enumerable.Range(0, Math.Min(500, open - done)).Select(_ => PartnerAlert(partner, self, now, TimeSpan.FromHours(24), "routine"))]);
            }

            return 0;
        });
        var openNow = await node.WithDbAsync(db => db.Set<EscalationStep>().CountAsync(s => s.State == EscalationStepState.Pending));
        var idleFull = await Measure.RepeatAsync(10, () => worker.RunOnceAsync(TimeProvider.System.GetUtcNow().UtcDateTime));

        var ids = new List<string>();
        for (var i = 0; i < probes; i++)
        {
            var alert = PartnerAlert(partner, self, TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(6), "immediate");
            await ReceiveAsync(node, partnerId, [alert]);
            ids.Add(alert.Id.ToString());
            await Task.Delay(250);
        }

        await Measure.UntilAsync(
            async () => !await node.WithDbAsync(db => db.Set<EscalationStep>().AnyAsync(s => s.State == EscalationStepState.Pending
                && db.Set<Alert>().Any(a => a.Id == s.AlertId && ids.Contains(a.StixId)))),
            TimeSpan.FromMinutes(5), "every probe step fired", pollMilliseconds: 200);
        var lags = await node.WithDbAsync(db => db.Set<EscalationStep>().AsNoTracking()
            .Where(s => s.State == EscalationStepState.Fired && db.Set<Alert>().Any(a => a.Id == s.AlertId && ids.Contains(a.StixId)))
            .Select(s => new { s.DueAt, s.FiredAt }).ToListAsync());
        var lagMs = lags.Select(l => (l.FiredAt!.Value - l.DueAt).TotalMilliseconds).ToList();

        bench.Line($"{open:N0} open alerts ({openNow:N0} pending steps); {probes} probe alerts, {lagMs.Count} probe steps fired by the 1 s timer.");
        bench.Figure("due-work tick, empty node, p50", Measure.Median(idleEmpty), "ms");
        bench.Figure($"due-work tick, {open:N0} open alerts, p50", Measure.Median(idleFull), "ms");
        bench.Figure("escalation lag (fired − due), p50", Measure.Median(lagMs), "ms");
        bench.Figure("escalation lag (fired − due), p99", Measure.Percentile(lagMs, 99), "ms");
        bench.Figure("escalation lag (fired − due), max", lagMs.Count == 0 ? double.NaN : lagMs.Max(), "ms");
        bench.Ratio("lag p99 / timer tick (1 s)", Measure.Percentile(lagMs, 99) / 1000);
        bench.Ratio($"tick with {open / 1000}k open / empty tick", Measure.Median(idleFull) / Measure.Median(idleEmpty));
    }

    /// <summary>A partner link held suspended (nobody to push to): alerts come in through <see cref="Ingest"/> directly.</summary>
    private static async Task<(Party Party, int PartnerId)> LinkAsync(BenchNode node)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var party = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Pakistan border desk (bench)", "PK", isSelf: false, now);
        using var key = NodeKey.Generate();
        var partner = new Partner(party, new Uri("http://127.0.0.1:9/"), key.PublicKey, key.Fingerprint, null, false, now);
        partner.Trust(now);
        partner.Suspend();
        db.Add(partner);
        await db.SaveChangesAsync();
        return (party, partner.Id);
    }

    private static async Task ReceiveAsync(BenchNode node, int partnerId, IReadOnlyList<LiaisonAlert> alerts)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var partner = await db.Partners.Include(p => p.Party).SingleAsync(p => p.Id == partnerId);
        var results = await Ingest.ReceiveAsync(db, TimeProvider.System, partner, [.. alerts.Select(o => StixJson.ToJsonString(o.ToJson()))], default,
            scope.ServiceProvider.GetRequiredService<AuditLog>(), scope.ServiceProvider.GetRequiredService<DeskEvents>());
        if (results.Any(r => !r.Success))
        {
            throw new InvalidOperationException($"an alert was refused: {results.First(r => !r.Success).Message}");
        }
    }

    private static LiaisonAlert PartnerAlert(Party from, string to, DateTimeOffset now, TimeSpan window, string precedence) => new()
    {
        Id = StixId.NewRandom(LiaisonAlert.TypeName),
        Created = now,
        Modified = now,
        CreatedByRef = StixId.Parse(from.StixId),
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        Precedence = precedence,
        Title = "Smugglers expected at the river crossing",
        Area = new System.Text.Json.Nodes.JsonObject { ["type"] = "Circle", ["latitude"] = 27.5, ["longitude"] = 62.3, ["radius"] = 2000.0 },
        ValidFrom = now,
        ValidUntil = now.AddHours(26),
        Status = "active",
        Revision = 1,
        AcknowledgeBy = new Dictionary<StixId, DateTimeOffset> { [StixId.Parse(to)] = now + window },
    };
}
