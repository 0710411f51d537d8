using Liaison.Features.Incidents;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Features.Incidents;

/// <summary>Puts a partner party and one of its published reports straight into a node, as the exchange will.</summary>
internal static class PartnerData
{
    public static async Task<Party> AddPartnerAsync(TestNode node, string name = "Partner Party", string country = "IR")
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var existing = await db.Parties.SingleOrDefaultAsync(p => p.Name == name);
        if (existing is not null)
        {
            return existing;
        }

        var partner = new Party(StixId.NewRandom("identity").ToString(), name, country, isSelf: false, node.Time.GetUtcNow().UtcDateTime);
        db.Parties.Add(partner);
        await db.SaveChangesAsync();
        return partner;
    }

    public static async Task<string> AddPartnerIncidentAsync(TestNode node, double lat = 27.0, double lon = 62.0)
    {
        await AddPartnerAsync(node);
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var partner = await db.Parties.SingleAsync(p => p.Name == "Partner Party");
        var now = node.Time.GetUtcNow().UtcDateTime;
        var report = IncidentReport.Draft(partner, new IncidentContent
        {
            Title = "Partner's report",
            Occurred = new Occurrence(now.AddDays(-1), null, OccurrencePrecision.Day),
            Location = new Place(lat, lon, "Across the border", null),
            Category = IncidentCategory.BorderViolation,
            Tlp = TlpLevel.Green,
        }, "partner", now);
        report.Publish("partner", now);
        db.Add(report);
        await db.SaveChangesAsync();
        return report.StixId;
    }
}
