using Liaison.Audit;
using Liaison.Exchange;
using Liaison.Features.Alerts;
using Liaison.Features.Escalation;
using Liaison.Features.Parties;
using Liaison.Live;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Tests.Features.Alerts;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange;

/// <summary>
/// A whole envelope or page taken in at once: every object applied, and the context left holding only the sender's
/// link, so the work of one object is not scanned again by every later one (docs/benchmarks.md, replication).
/// </summary>
public sealed class IngestBatchTests
{
    [Fact]
    public async Task ABatchOfAlerts_IsAppliedWhole_AndLeavesOnlyTheSendersLinkTracked()
    {
        await using var node = await TestNode.StartAsync();
        var (party, partnerId) = await AlertTesting.AddLinkAsync(node, "Pakistan border desk (test)");
        var self = await AlertTesting.SelfIdentityAsync(node);
        var alerts = Enumerable.Range(0, 40).Select(_ => AlertTesting.PartnerAlert(party, self, node.Time.GetUtcNow(), TimeSpan.FromMinutes(15))).ToList();
        // A later version of the first alert in the same batch: applied over the version the batch just created.
        var revised = AlertTesting.PartnerAlert(party, self, node.Time.GetUtcNow().AddSeconds(1), TimeSpan.FromMinutes(15), alerts[0].Id.ToString(), revision: 2) with
        {
            Created = alerts[0].Created,
            Title = "Smugglers now expected at the bridge",
        };

        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var partner = await db.Partners.Include(p => p.Party).SingleAsync(p => p.Id == partnerId);
        var results = await Ingest.ReceiveAsync(db, node.Time, partner, [.. alerts.Append(revised).Select(a => StixJson.ToJsonString(a.ToJson()))], default,
            scope.ServiceProvider.GetRequiredService<AuditLog>(), scope.ServiceProvider.GetRequiredService<DeskEvents>());

        Assert.All(results, r => Assert.True(r.Success && r.Added, r.Message));
        Assert.All(db.ChangeTracker.Entries(), e => Assert.True(e.Entity is Partner or Party, $"{e.Entity.GetType().Name} still tracked"));

        // The caller's link is still tracked: what the puller records on it after the ingest is saved.
        partner.RecordPull(node.Time.GetUtcNow().UtcDateTime, "2026-11-28T08:00:00.000001Z");
        await db.SaveChangesAsync();

        var ids = alerts.Select(a => a.Id.ToString()).ToList();
        await AlertTesting.WithDbAsync(node, async fresh =>
        {
            Assert.Equal("2026-11-28T08:00:00.000001Z", await fresh.Partners.Where(p => p.Id == partnerId).Select(p => p.PullCursor).SingleAsync());
            Assert.Equal(40, await fresh.Set<Alert>().CountAsync(a => ids.Contains(a.StixId)));
            Assert.Equal("Smugglers now expected at the bridge", await fresh.Set<Alert>().Where(a => a.StixId == ids[0]).Select(a => a.Title).SingleAsync());
            Assert.Equal(1, await fresh.Parties.CountAsync(p => p.StixId == party.StixId));
            var laddered = await fresh.Set<EscalationStep>().Select(s => s.AlertId).Distinct().CountAsync();
            Assert.Equal(40, laddered);
            return 0;
        });
    }
}
