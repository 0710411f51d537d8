using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Exchange;
using Liaison.Features.Alerts;
using Liaison.Features.Parties;
using Liaison.Live;
using Liaison.Protocol.Signing;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Features.Alerts;

/// <summary>Alert bodies as the desk sends them, partner links, and objects as a partner's node would send them.</summary>
internal static class AlertTesting
{
    public static JsonObject Valid(string title = "Armed group moving towards the crossing", string precedence = "flash", string validUntil = "2026-11-28T20:00:00Z") => new()
    {
        ["precedence"] = precedence,
        ["title"] = title,
        ["description"] = "Twelve armed men in two pickups, seen 20 km north.",
        ["area"] = new JsonObject { ["type"] = "Circle", ["latitude"] = 28.97, ["longitude"] = 61.59, ["radius"] = 5000 },
        ["validUntil"] = validUntil,
        ["tlp"] = "amber",
    };

    public static async Task<JsonElement> RaiseAsync(HttpClient client, JsonObject body)
    {
        var response = await client.PostAsJsonAsync("/api/alerts", body);
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A partner link that holds what it is owed in the outbox (suspended), so no relay tries to reach it.</summary>
    public static async Task<(Party Party, int PartnerId)> AddLinkAsync(TestNode node, string name, Action<Partner>? configure = null)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var now = node.Time.GetUtcNow().UtcDateTime;
        var party = new Party(StixId.NewRandom(Identity.TypeName).ToString(), name, "IR", isSelf: false, now);
        using var key = NodeKey.Generate();
        var partner = new Partner(party, new Uri("http://127.0.0.1:9/"), key.PublicKey, key.Fingerprint, null, false, now);
        partner.Trust(now);
        partner.Suspend();
        configure?.Invoke(partner);
        db.Add(partner);
        await db.SaveChangesAsync();
        return (party, partner.Id);
    }

    /// <summary>Takes objects in as the exchange does when <paramref name="partnerId"/>'s node pushes them.</summary>
    public static async Task<IReadOnlyList<Ingest.ObjectResult>> ReceiveAsync(TestNode node, int partnerId, params IStixObject[] objects)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var partner = await db.Partners.Include(p => p.Party).SingleAsync(p => p.Id == partnerId);
        return await Ingest.ReceiveAsync(db, node.Time, partner, [.. objects.Select(o => StixJson.ToJsonString(o.ToJson()))], default,
            scope.ServiceProvider.GetRequiredService<Liaison.Audit.AuditLog>(), scope.ServiceProvider.GetRequiredService<DeskEvents>());
    }

    public static LiaisonAcknowledgement Acknowledgement(string alertId, Party from, DateTimeOffset at, string by = "Captain Reza Karimi") => new()
    {
        Id = AlertStix.AcknowledgementIdOf(alertId, from.StixId),
        Created = at,
        Modified = at,
        CreatedByRef = StixId.Parse(from.StixId),
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        AlertRef = StixId.Parse(alertId),
        Acknowledged = at,
        AcknowledgedBy = by,
        Response = "Patrols alerted.",
    };

    /// <summary>A partner's alert addressed to <paramref name="to"/>, as its node would issue it.</summary>
    public static LiaisonAlert PartnerAlert(Party from, string to, DateTimeOffset now, TimeSpan window, string? id = null, int revision = 1, string status = "active") => new()
    {
        Id = id is null ? StixId.NewRandom(LiaisonAlert.TypeName) : StixId.Parse(id),
        Created = now,
        Modified = now,
        CreatedByRef = StixId.Parse(from.StixId),
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
        Precedence = "immediate",
        Title = "Smugglers expected at the river crossing",
        Area = new JsonObject { ["type"] = "Circle", ["latitude"] = 27.5, ["longitude"] = 62.3, ["radius"] = 2000.0 },
        ValidFrom = now,
        ValidUntil = now.AddHours(6),
        Status = status,
        Revision = revision,
        AcknowledgeBy = new Dictionary<StixId, DateTimeOffset> { [StixId.Parse(to)] = now + window },
    };

    public static async Task<string> SelfIdentityAsync(TestNode node) =>
        await WithDbAsync(node, db => db.Parties.Where(p => p.IsSelf).Select(p => p.StixId).SingleAsync());

    public static async Task<T> WithDbAsync<T>(TestNode node, Func<LiaisonDbContext, Task<T>> query)
    {
        using var scope = node.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>());
    }

    /// <summary>Runs the sender's deadline work once, as the due-work timer does on each tick.</summary>
    public static async Task<int> RunDeadlinesAsync(TestNode node)
    {
        using var scope = node.Services.CreateScope();
        var work = scope.ServiceProvider.GetServices<Liaison.Timers.IDueWork>().OfType<AlertDeadlines>().Single();
        return await work.RunDueAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), node.Time.GetUtcNow().UtcDateTime, default);
    }

    public static JsonElement Recipient(JsonElement alert, string party) =>
        alert.GetProperty("acknowledgements").EnumerateArray().Single(r => r.GetProperty("party").GetProperty("id").GetString() == party);
}
