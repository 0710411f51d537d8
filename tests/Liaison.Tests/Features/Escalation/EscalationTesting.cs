using Liaison.Features.Alerts;
using Liaison.Features.Escalation;
using Liaison.Features.Notifications;
using Liaison.Features.Officers;
using Liaison.Features.Parties;
using Liaison.Features.Sectors;
using Liaison.Storage;
using Liaison.Tests.Features.Alerts;
using Liaison.Tests.Infrastructure;
using Liaison.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Features.Escalation;

/// <summary>A receiving node with a duty roster, partner alerts addressed to it, and the timer driven by hand.</summary>
internal static class EscalationTesting
{
    /// <summary>A node whose timer does not tick by itself: tests call <see cref="TickAsync"/>.</summary>
    public static Task<TestNode> StartAsync(DatabaseSettings? database = null) =>
        TestNode.StartAsync(database, customize: b => b.Configuration["Timers:RunInBackground"] = "false");

    /// <summary>A sector and this party's officers on duty over the whole test day, one per role given.</summary>
    public static async Task RosterAsync(TestNode node, params DutyRole[] roles)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var now = node.Time.GetUtcNow().UtcDateTime;
        var self = await db.Parties.SelfAsync();
        var code = "S" + Guid.NewGuid().ToString("N")[..6];
        var sector = new Sector(code, new SectorDetails("Test sector", new CheckedGeometry("Point", """{"type":"Point","coordinates":[62,27]}""", new BoundingBox(62, 27, 62, 27)), null, null, null), now);
        db.Add(sector);
        foreach (var role in roles)
        {
            var officer = new Officer(self, new OfficerDetails($"{DutyRoles.Name(role)} officer", "Captain", null, sector, ["ur"], [new ContactChannel(ContactKind.Radio, "channel 7")]), now);
            db.Add(officer);
            db.Add(new DutyShift(officer, sector, role, now.AddHours(-1), now.AddHours(23), now));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Receives an IMMEDIATE partner alert with a 15-minute window; answers its STIX id.</summary>
    public static async Task<string> ReceiveAlertAsync(TestNode node, int partnerId, Party partner)
    {
        var self = await AlertTesting.SelfIdentityAsync(node);
        var alert = AlertTesting.PartnerAlert(partner, self, node.Time.GetUtcNow(), TimeSpan.FromMinutes(15));
        await AlertTesting.ReceiveAsync(node, partnerId, alert);
        return alert.Id.ToString();
    }

    public static Task<int> TickAsync(TestNode node) =>
        node.Services.GetRequiredService<DueWorker>().RunOnceAsync(node.Time.GetUtcNow().UtcDateTime);

    public static Task<List<EscalationStep>> StepsAsync(TestNode node, string alertId) =>
        AlertTesting.WithDbAsync(node, db => db.Set<EscalationStep>().AsNoTracking()
            .Where(s => db.Set<Alert>().Any(a => a.Id == s.AlertId && a.StixId == alertId)).OrderBy(s => s.Index).ToListAsync());

    public static Task<List<Notification>> NotificationsAsync(TestNode node, string alertId) =>
        AlertTesting.WithDbAsync(node, db => db.Set<Notification>().AsNoTracking().Where(n => n.RecordId == alertId).OrderBy(n => n.Id).ToListAsync());
}
