using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Exchange;
using Liaison.Exchange.Signatures;
using Liaison.Protocol.Stix;
using Liaison.Tests.Features.Incidents;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange;

/// <summary>The exchange end to end: two nodes, real HTTP, signed TAXII both ways.</summary>
public sealed class TwoNodeExchangeTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task CreateReviseRetract_OnA_AppearOnB_WithIdenticalIdsAndVersions()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var analyst = await nodes.A.SignInNewUserAsync("analyst", "Analyst");
        var id = await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid("Attack near Rask"));
        await Expect.StatusAsync(HttpStatusCode.OK, await analyst.PutAsJsonAsync($"/api/incidents/{id}", IncidentRequests.Valid("Attack near Rask, toll revised")));
        await Expect.StatusAsync(HttpStatusCode.OK, await analyst.PostAsJsonAsync($"/api/incidents/{id}/retract", new { reason = "duplicate of an earlier report" }));

        await TwoNodes.EventuallyAsync(
            () => TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.AnyAsync(i => i.StixId == id && i.Status == IncidentStatus.Retracted)),
            "B holds the retracted report");

        var onA = await Versions(nodes.A, id);
        var onB = await Versions(nodes.B, id);
        Assert.Equal(3, onA.Count);
        Assert.Equal(onA, onB);
        var report = await TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.Include(i => i.Versions).Include(i => i.OriginParty).SingleAsync(i => i.StixId == id));
        Assert.Equal([1, 2, 3], report.Versions.Select(v => v.Number).Order());
        Assert.Equal("duplicate of an earlier report", report.RetractionReason);
        Assert.Equal("Attack near Rask, toll revised", report.Title);
        Assert.False(report.OriginParty.IsSelf);

        // Each delivery is receipted with the partner's signed status (A files it just after B has answered).
        await TwoNodes.EventuallyAsync(
            () => TwoNodes.WithDbAsync(nodes.A, db => db.Deliveries.Where(d => d.Shared.StixId == id).AllAsync(d => d.State == DeliveryState.Delivered)),
            "A files B's receipts");
        var receipts = await TwoNodes.WithDbAsync(nodes.A, db => db.Deliveries.Where(d => d.Shared.StixId == id).Select(d => new { d.State, d.ReceiptId }).ToListAsync());
        Assert.All(receipts, r => Assert.Equal(DeliveryState.Delivered, r.State));
        Assert.All(receipts, r => Assert.NotNull(r.ReceiptId));
        var receipt = await TwoNodes.WithDbAsync(nodes.A, db => db.DeliveryReceipts.FirstAsync());
        Assert.Contains("sig", receipt.Signature, StringComparison.Ordinal);
        Assert.Contains("@status", receipt.SignatureInput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task B_CannotAlterARecord_TheAttemptIsRefusedAndAudited()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var analyst = await nodes.A.SignInNewUserAsync("analyst", "Analyst");
        var id = await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid("Original title"));
        await TwoNodes.EventuallyAsync(() => TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.AnyAsync(i => i.StixId == id)), "B holds the report");

        // B forges a newer version of A's incident, once in its own name and once in A's.
        var original = await TwoNodes.WithDbAsync(nodes.B, db => db.SharedObjects.Where(o => o.StixId == id).Select(o => o.Json).SingleAsync());
        var bIdentity = await TwoNodes.WithDbAsync(nodes.B, db => db.Parties.Where(p => p.IsSelf).Select(p => p.StixId).SingleAsync());
        var asB = Forge(original, "Rewritten by B", bIdentity);
        var asA = Forge(original, "Rewritten in A's name", null);

        var status = await PostAsPartnerAsync(nodes.B, nodes.A, [asB, asA]);
        Assert.Equal(0, status.GetProperty("success_count").GetInt32());
        Assert.Equal(2, status.GetProperty("failure_count").GetInt32());

        var title = await TwoNodes.WithDbAsync(nodes.A, db => db.Incidents.Where(i => i.StixId == id).Select(i => i.Title).SingleAsync());
        Assert.Equal("Original title", title);
        Assert.Equal(1, await TwoNodes.WithDbAsync(nodes.A, db => db.SharedObjects.CountAsync(o => o.StixId == id)));
        Assert.True(await TwoNodes.WithDbAsync(nodes.A, db => db.AuditEntries.AnyAsync(e => e.Action == "exchange.objects-refused")));
    }

    [Fact]
    public async Task DuplicatedPost_HasOneEffect()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var analyst = await nodes.A.SignInNewUserAsync("analyst", "Analyst");
        var id = await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid());
        await TwoNodes.EventuallyAsync(() => TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.AnyAsync(i => i.StixId == id)), "B holds the report");
        var objects = await TwoNodes.WithDbAsync(nodes.A, db => db.SharedObjects.OrderBy(o => o.DateAdded).Select(o => o.Json).ToListAsync());
        var before = await TwoNodes.WithDbAsync(nodes.B, db => db.SharedObjects.CountAsync());

        var first = await PostAsPartnerAsync(nodes.A, nodes.B, objects);
        var second = await PostAsPartnerAsync(nodes.A, nodes.B, objects);

        Assert.Equal(objects.Count, first.GetProperty("success_count").GetInt32());
        Assert.Equal(objects.Count, second.GetProperty("success_count").GetInt32());
        Assert.Equal(before, await TwoNodes.WithDbAsync(nodes.B, db => db.SharedObjects.CountAsync()));
        Assert.Equal(1, await TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.CountAsync(i => i.StixId == id)));
        Assert.Equal(1, await TwoNodes.WithDbAsync(nodes.B, db => db.IncidentVersions.CountAsync(v => v.IncidentId == db.Incidents.Single(i => i.StixId == id).Id)));
    }

    [Fact]
    public async Task ReorderedDeliveries_EndInTheSameState()
    {
        // A's relay stays idle so the test decides the order in which B sees A's versions.
        await using var nodes = await TwoNodes.StartAsync(customizeA: b => b.Configuration["Exchange:RunInBackground"] = "false");
        var analyst = await nodes.A.SignInNewUserAsync("analyst", "Analyst");
        var id = await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid("v1"));
        nodes.Advance(TimeSpan.FromSeconds(1));
        await Expect.StatusAsync(HttpStatusCode.OK, await analyst.PutAsJsonAsync($"/api/incidents/{id}", IncidentRequests.Valid("v2")));
        nodes.Advance(TimeSpan.FromSeconds(1));
        await Expect.StatusAsync(HttpStatusCode.OK, await analyst.PutAsJsonAsync($"/api/incidents/{id}", IncidentRequests.Valid("v3")));

        var objects = await TwoNodes.WithDbAsync(nodes.A, db => db.SharedObjects.OrderBy(o => o.DateAdded).Select(o => o.Json).ToListAsync());
        var reversed = Enumerable.Reverse(objects).ToList();
        foreach (var one in reversed)
        {
            await PostAsPartnerAsync(nodes.A, nodes.B, [one]);
        }

        var onB = await TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.Include(i => i.Versions).SingleAsync(i => i.StixId == id));
        var onA = await TwoNodes.WithDbAsync(nodes.A, db => db.Incidents.Include(i => i.Versions).SingleAsync(i => i.StixId == id));
        Assert.Equal("v3", onB.Title);
        Assert.Equal(onA.VersionNumber, onB.VersionNumber);
        Assert.Equal(onA.ModifiedAt, onB.ModifiedAt);
        Assert.Equal(onA.Versions.Select(v => (v.Number, v.ModifiedAt)).Order(), onB.Versions.Select(v => (v.Number, v.ModifiedAt)).Order());
        Assert.Equal(await Versions(nodes.A, id), await Versions(nodes.B, id));
    }

    [Fact]
    public async Task B_DownForAWhile_ConvergesByPushRetry_WhenBack()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var analyst = await nodes.A.SignInNewUserAsync("analyst", "Analyst");
        await nodes.B.StopAsync();

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid($"During the outage {i}")));
        }

        await TwoNodes.EventuallyAsync(
            () => TwoNodes.WithDbAsync(nodes.A, db => db.Partners.AnyAsync(p => p.ConsecutiveFailures > 0)),
            "A notices B is unreachable",
            tick: () => nodes.Advance(TimeSpan.FromSeconds(2)));
        var waiting = await TwoNodes.WithDbAsync(nodes.A, db => db.Deliveries.Where(d => d.State == DeliveryState.Pending && d.Attempts > 0).CountAsync());
        Assert.True(waiting > 0, "the outbox keeps what could not be sent");

        await nodes.B.RestartAsync();
        nodes.Advance(TimeSpan.FromMinutes(1));
        await TwoNodes.EventuallyAsync(
            async () => await TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.CountAsync(i => ids.Contains(i.StixId))) == 3,
            "B receives everything written during the outage",
            tick: () => nodes.Advance(TimeSpan.FromSeconds(2)));
        await TwoNodes.EventuallyAsync(
            async () => await TwoNodes.WithDbAsync(nodes.A, db => db.Deliveries.CountAsync(d => d.State != DeliveryState.Delivered)) == 0,
            "A's outbox drains, every row receipted");
        Assert.Equal(0, await TwoNodes.WithDbAsync(nodes.A, db => db.Partners.Select(p => p.ConsecutiveFailures).SingleAsync()));
    }

    [Fact]
    public async Task LostPushes_AreRepairedByPull_AndANoChangePollAddsNothing()
    {
        // A never pushes: everything B gets, it gets by polling A's collection.
        await using var nodes = await TwoNodes.StartAsync(
            customizeA: b => b.Configuration["Exchange:RunInBackground"] = "false",
            customizeB: b => b.Configuration["Exchange:RunInBackground"] = "false");
        var analyst = await nodes.A.SignInNewUserAsync("analyst", "Analyst");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid($"Pulled {i}")));
        }

        var puller = nodes.B.Services.GetRequiredService<Puller>();
        var added = await puller.PullAllAsync();
        Assert.True(added > 5, $"pulled {added} versions");
        Assert.Equal(5, await TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.CountAsync(i => ids.Contains(i.StixId))));
        Assert.Equal(0, await puller.PullAllAsync());

        ids.Add(await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid("Later")));
        Assert.True(await puller.PullAllAsync() > 0);
        Assert.Equal(6, await TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.CountAsync(i => ids.Contains(i.StixId))));
    }

    [Fact]
    public async Task RedRecords_NeverReachThePartner()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var analyst = await nodes.A.SignInNewUserAsync("analyst", "Analyst");
        var red = IncidentRequests.Valid("Eyes only");
        red["tlp"] = "red";
        var redId = await IncidentRequests.CreatePublishedAsync(analyst, red);
        var greenId = await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid("Shared"));
        await TwoNodes.EventuallyAsync(() => TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.AnyAsync(i => i.StixId == greenId)), "the shared report arrives");
        await nodes.B.Services.GetRequiredService<Puller>().PullAllAsync();

        Assert.False(await TwoNodes.WithDbAsync(nodes.B, db => db.SharedObjects.AnyAsync(o => o.StixId == redId)));
        Assert.False(await TwoNodes.WithDbAsync(nodes.B, db => db.SharedObjects.AnyAsync(o => o.Tlp == TlpLevel.Red)));
        Assert.False(await TwoNodes.WithDbAsync(nodes.A, db => db.Deliveries.AnyAsync(d => d.Shared.Tlp == TlpLevel.Red)));
    }

    private static Task<List<(string, DateTime)>> Versions(TestNode node, string id) =>
        TwoNodes.WithDbAsync(node, async db => (await db.SharedObjects.Where(o => o.StixId == id).OrderBy(o => o.VersionAt).Select(o => new { o.StixId, o.VersionAt }).ToListAsync())
            .Select(o => (o.StixId, o.VersionAt)).ToList());

    private static string Forge(string json, string name, string? createdBy)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        node["name"] = name;
        var modified = StixTimestamp.Parse(node["modified"]!.GetValue<string>()).AddMinutes(5);
        node["modified"] = StixTimestamp.Format(modified);
        if (createdBy is not null)
        {
            node["created_by_ref"] = createdBy;
        }

        return node.ToJsonString();
    }

    /// <summary>Sends objects to <paramref name="to"/>'s collection exactly as <paramref name="from"/>'s relay would, signed by <paramref name="from"/>.</summary>
    private static async Task<JsonElement> PostAsPartnerAsync(TestNode from, TestNode to, IReadOnlyList<string> objects)
    {
        var partner = await TwoNodes.WithDbAsync(from, db => db.Partners.Include(p => p.Party).SingleAsync());
        var client = from.Services.GetRequiredService<IPartnerClients>().For(partner);
        using var request = new HttpRequestMessage(HttpMethod.Post, partner.CollectionObjectsUrl) { Content = new ByteArrayContent(Relay.Envelope(objects)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Relay.TaxiiMediaType);
        request.Headers.Accept.ParseAdd(Relay.TaxiiMediaType);
        using var response = await client.SendAsync(request);
        await Expect.StatusAsync(HttpStatusCode.Accepted, response);
        return JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync(), Web);
    }
}
