using Liaison.Exchange;
using Liaison.Features.Officers;
using Liaison.Storage;
using Liaison.Tests.Features.Alerts;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange.Partners;

/// <summary>
/// The exchange notes on the partner's row when it last heard from it, pulled from it or failed to reach it, all the
/// time; an administrator sets the partner's hotlines now and then. A note written from a copy of the row read
/// before the administrator saved must not put the old hotlines back (found by the demo's test: the two desks'
/// traffic erased the hotlines the demo had just set).
/// </summary>
public sealed class LinkBookkeepingTests
{
    [Fact]
    public async Task LinkNotes_FromACopyReadBeforeTheHotlinesWereSet_KeepTheHotlines()
    {
        await using var node = await TestNode.StartAsync();
        var (_, partnerId) = await AlertTesting.AddLinkAsync(node, "North");
        using var early = node.Services.CreateScope();
        var earlyDb = early.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var stale = await earlyDb.Partners.Include(p => p.Party).SingleAsync(p => p.Id == partnerId);

        using (var admin = node.Services.CreateScope())
        {
            var db = admin.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            var partner = await db.Partners.SingleAsync(p => p.Id == partnerId);
            partner.SetHotlines([new Hotline("Duty desk", "+98 54 3322 1100")]);
            await db.SaveChangesAsync();
        }

        var now = node.Time.GetUtcNow().UtcDateTime;
        stale.RecordContact(now);
        stale.RecordPull(now, "2026-11-28T10:00:00.000000Z");
        stale.RecordFailure(now, "pull failed");
        await PartnerLink.SaveAsync(earlyDb, stale, default);
        Assert.Equal((now, 1), (stale.LastContactAt, stale.ConsecutiveFailures));

        using var check = node.Services.CreateScope();
        var saved = await check.ServiceProvider.GetRequiredService<LiaisonDbContext>().Partners.AsNoTracking().SingleAsync(p => p.Id == partnerId);
        Assert.Equal(["+98 54 3322 1100"], saved.Hotlines.Select(h => h.Number));
        Assert.Equal(now, saved.LastContactAt);
        Assert.Equal("2026-11-28T10:00:00.000000Z", saved.PullCursor);
        Assert.Equal("pull failed", saved.LastFailure);
        Assert.Equal(1, saved.ConsecutiveFailures);
    }
}
