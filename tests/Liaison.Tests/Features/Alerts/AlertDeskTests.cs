using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Features.Alerts;
using Liaison.Live;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Features.Alerts;

/// <summary>One node with an analyst and partner links: raising, deadlines, validation, read-only partner alerts, acknowledgements.</summary>
public sealed class AlertDeskTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private HttpClient _analyst = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        _analyst = await _node.SignInNewUserAsync("analyst", "Analyst");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Raise_GivesEachPartnerTheDeadlineOfItsLinkWindow()
    {
        var (north, _) = await AlertTesting.AddLinkAsync(_node, "North", p => p.SetAckWindows(new Dictionary<Precedence, TimeSpan> { [Precedence.Flash] = TimeSpan.FromMinutes(2) }));
        var (south, _) = await AlertTesting.AddLinkAsync(_node, "South");

        var alert = await AlertTesting.RaiseAsync(_analyst, AlertTesting.Valid());

        var sent = TestNode.Start.UtcDateTime;
        Assert.Equal("sent", alert.GetProperty("direction").GetString());
        Assert.Equal("active", alert.GetProperty("status").GetString());
        Assert.Equal(1, alert.GetProperty("revision").GetInt32());
        Assert.Equal(sent.AddMinutes(2), AlertTesting.Recipient(alert, north.StixId).GetProperty("deadline").GetDateTime().ToUniversalTime());
        Assert.Equal(sent.AddMinutes(5), AlertTesting.Recipient(alert, south.StixId).GetProperty("deadline").GetDateTime().ToUniversalTime());
        Assert.Equal("awaiting", AlertTesting.Recipient(alert, south.StixId).GetProperty("state").GetString());

        // The version is in each addressed partner's outbox, carrying every deadline.
        var id = alert.GetProperty("id").GetString()!;
        var outbox = await AlertTesting.WithDbAsync(_node, db => db.Deliveries.Where(d => d.Shared.StixId == id).Select(d => d.Shared.Json).ToListAsync());
        Assert.Equal(2, outbox.Count);
        Assert.Contains(north.StixId, outbox[0], StringComparison.Ordinal);
        var timeline = await _analyst.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}/timeline");
        Assert.Equal("raised", timeline[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task RaiseAndAcknowledgement_AreSignalledToTheDesk()
    {
        var (partner, link) = await AlertTesting.AddLinkAsync(_node, "North");
        var signals = new List<DeskSignal>();
        _node.Services.GetRequiredService<DeskEvents>().Published += s => { lock (signals) { signals.Add(s); } };
        var body = AlertTesting.Valid();
        var id = (await AlertTesting.RaiseAsync(_analyst, body)).GetProperty("id").GetString()!;
        await AlertTesting.ReceiveAsync(_node, link, AlertTesting.Acknowledgement(id, partner, _node.Time.GetUtcNow()));

        Assert.Contains(new DeskSignal("alert", id, null, "flash", null), signals);
        Assert.Contains(new DeskSignal("acknowledgement", id, null, "flash", null), signals);
    }

    [Fact]
    public async Task Raise_WithNamedRecipients_GoesOnlyToThem()
    {
        var (north, _) = await AlertTesting.AddLinkAsync(_node, "North");
        await AlertTesting.AddLinkAsync(_node, "South");
        var body = AlertTesting.Valid();
        body["recipients"] = new JsonArray(north.StixId);
        body["tlp"] = "amber-strict";

        var alert = await AlertTesting.RaiseAsync(_analyst, body);

        Assert.Single(alert.GetProperty("acknowledgements").EnumerateArray());
        var id = alert.GetProperty("id").GetString()!;
        Assert.Equal(1, await AlertTesting.WithDbAsync(_node, db => db.Deliveries.CountAsync(d => d.Shared.StixId == id)));
    }

    public static TheoryData<string, string> Rules => new()
    {
        { "no precedence", "precedence" },
        { "unknown precedence", "precedence" },
        { "no title", "title" },
        { "circle radius 0", "area.radius" },
        { "circle latitude 95", "area.latitude" },
        { "open polygon", "area.coordinates[0]" },
        { "square", "area.type" },
        { "no area and no sector", "area" },
        { "unknown sector", "sectorCodes[0]" },
        { "until before from", "validUntil" },
        { "until without offset", "validUntil" },
        { "red", "tlp" },
        { "unknown recipient", "recipients[0]" },
        { "strict without recipients", "recipients" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Raise_BreakingARule_IsRefusedNamingTheField(string rule, string field)
    {
        await AlertTesting.AddLinkAsync(_node, "North");
        var body = AlertTesting.Valid();
        switch (rule)
        {
            case "no precedence": body.Remove("precedence"); break;
            case "unknown precedence": body["precedence"] = "urgent"; break;
            case "no title": body["title"] = " "; break;
            case "circle radius 0": body["area"]!["radius"] = 0; break;
            case "circle latitude 95": body["area"]!["latitude"] = 95; break;
            case "open polygon": body["area"] = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[61.0,28.5],[61.5,28.5],[61.5,29.0],[61.0,29.0]]]}"""); break;
            case "square": body["area"] = JsonNode.Parse("""{"type":"Square"}"""); break;
            case "no area and no sector": body.Remove("area"); break;
            case "unknown sector": body["sectorCodes"] = new JsonArray("NOPE"); break;
            case "until before from": body["validFrom"] = "2026-11-28T21:00:00Z"; break;
            case "until without offset": body["validUntil"] = "2026-11-28T20:00:00"; break;
            case "red": body["tlp"] = "red"; break;
            case "unknown recipient": body["recipients"] = new JsonArray("identity--00000000-0000-4000-8000-000000000000"); break;
            case "strict without recipients": body["tlp"] = "amber-strict"; break;
        }

        var problem = await Expect.ProblemAsync(await _analyst.PostAsJsonAsync("/api/alerts", body), HttpStatusCode.BadRequest);

        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList());
        Assert.Equal(0, await AlertTesting.WithDbAsync(_node, db => db.Set<Alert>().CountAsync()));
    }

    [Fact]
    public async Task Raise_BreakingManyRules_NamesEveryField()
    {
        var body = AlertTesting.Valid();
        body["precedence"] = "urgent";
        body["title"] = "";
        body["area"]!["radius"] = -1;
        body["validUntil"] = "2026-11-27T00:00:00Z";

        var problem = await Expect.ProblemAsync(await _analyst.PostAsJsonAsync("/api/alerts", body), HttpStatusCode.BadRequest);

        Assert.Equal(["area.radius", "precedence", "title", "validUntil"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Raise_WithNoPartnerLink_IsRefused()
    {
        var problem = await Expect.ProblemAsync(await _analyst.PostAsJsonAsync("/api/alerts", AlertTesting.Valid()), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("recipients", out _));
    }

    [Fact]
    public async Task Raise_ByAnAuditor_IsForbidden()
    {
        await AlertTesting.AddLinkAsync(_node, "North");
        var auditor = await _node.SignInNewUserAsync("auditor", "Auditor");
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await auditor.PostAsJsonAsync("/api/alerts", AlertTesting.Valid()));
    }

    [Fact]
    public async Task PartnerAlert_IsReadOnly_AndOwnAlert_IsAcknowledgedOnlyByTheReceiver()
    {
        var (partner, link) = await AlertTesting.AddLinkAsync(_node, "North");
        var self = await AlertTesting.SelfIdentityAsync(_node);
        var received = AlertTesting.PartnerAlert(partner, self, _node.Time.GetUtcNow(), TimeSpan.FromMinutes(15));
        Assert.All(await AlertTesting.ReceiveAsync(_node, link, received), r => Assert.True(r.Success, r.Message));
        var id = received.Id.ToString();

        foreach (var step in new[] { "update", "cancel", "close" })
        {
            var response = step == "update" ? await _analyst.PostAsJsonAsync($"/api/alerts/{id}/update", AlertTesting.Valid()) : await _analyst.PostAsJsonAsync($"/api/alerts/{id}/{step}", new { });
            var problem = await Expect.ProblemAsync(response, HttpStatusCode.Forbidden);
            Assert.Equal("Read-only alert", problem.GetProperty("title").GetString());
        }

        var own = (await AlertTesting.RaiseAsync(_analyst, AlertTesting.Valid())).GetProperty("id").GetString();
        await Expect.ProblemAsync(await _analyst.PostAsJsonAsync($"/api/alerts/{own}/acknowledge", new { }), HttpStatusCode.Conflict);

        var view = await _analyst.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}");
        Assert.Equal("received", view.GetProperty("direction").GetString());
        Assert.True(view.GetProperty("readOnly").GetBoolean());
        Assert.Equal(TestNode.Start.UtcDateTime.AddMinutes(15), AlertTesting.Recipient(view, self).GetProperty("deadline").GetDateTime().ToUniversalTime());
        var received2 = await _analyst.GetFromJsonAsync<JsonElement>("/api/alerts?direction=received");
        Assert.Equal([id], received2.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList());
    }

    [Fact]
    public async Task Acknowledge_BeforeDeadline_IsOnTime_AndTwiceReturnsTheFirst()
    {
        var (partner, link) = await AlertTesting.AddLinkAsync(_node, "North");
        var self = await AlertTesting.SelfIdentityAsync(_node);
        var received = AlertTesting.PartnerAlert(partner, self, _node.Time.GetUtcNow(), TimeSpan.FromMinutes(15));
        await AlertTesting.ReceiveAsync(_node, link, received);
        _node.Time.Advance(TimeSpan.FromMinutes(4));

        var first = await _analyst.PostAsJsonAsync($"/api/alerts/{received.Id}/acknowledge", new { response = "Patrols out", actionTaken = "Crossing watched", acknowledgedBy = "Major Asad Khan" });
        await Expect.StatusAsync(HttpStatusCode.OK, first);
        var ack = await first.Content.ReadFromJsonAsync<JsonElement>();
        _node.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await (await _analyst.PostAsJsonAsync($"/api/alerts/{received.Id}/acknowledge", new { response = "again" })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(ack.GetProperty("onTime").GetBoolean());
        Assert.Equal("Major Asad Khan", ack.GetProperty("acknowledgedBy").GetString());
        Assert.Equal(ack.GetProperty("id").GetString(), second.GetProperty("id").GetString());
        Assert.Equal("Patrols out", second.GetProperty("response").GetString());
        Assert.Equal(TestNode.Start.UtcDateTime.AddMinutes(4), second.GetProperty("acknowledgedAt").GetDateTime().ToUniversalTime());
        var ackId = ack.GetProperty("id").GetString()!;
        Assert.Equal(1, await AlertTesting.WithDbAsync(_node, db => db.SharedObjects.CountAsync(o => o.StixId == ackId)));
        var outbox = await AlertTesting.WithDbAsync(_node, db => db.Deliveries.Where(d => d.Shared.StixId == ackId).Select(d => d.Partner.PartyId).ToListAsync());
        Assert.Equal([partner.Id], outbox);
    }

    [Fact]
    public async Task Acknowledge_AfterDeadline_IsRecordedAsLate()
    {
        var (partner, link) = await AlertTesting.AddLinkAsync(_node, "North");
        var self = await AlertTesting.SelfIdentityAsync(_node);
        var received = AlertTesting.PartnerAlert(partner, self, _node.Time.GetUtcNow(), TimeSpan.FromMinutes(15));
        await AlertTesting.ReceiveAsync(_node, link, received);
        _node.Time.Advance(TimeSpan.FromMinutes(16));

        var ack = await (await _analyst.PostAsJsonAsync($"/api/alerts/{received.Id}/acknowledge", new { })).Content.ReadFromJsonAsync<JsonElement>();

        Assert.False(ack.GetProperty("onTime").GetBoolean());
        Assert.Equal("analyst", ack.GetProperty("acknowledgedBy").GetString());
    }

    [Fact]
    public async Task PartnerAcknowledgement_OnTime_Late_AndOverdueOnce()
    {
        var (early, earlyLink) = await AlertTesting.AddLinkAsync(_node, "Early");
        var (late, lateLink) = await AlertTesting.AddLinkAsync(_node, "Late");
        var alert = await AlertTesting.RaiseAsync(_analyst, AlertTesting.Valid());
        var id = alert.GetProperty("id").GetString()!;

        _node.Time.Advance(TimeSpan.FromMinutes(3));
        await AlertTesting.ReceiveAsync(_node, earlyLink, AlertTesting.Acknowledgement(id, early, _node.Time.GetUtcNow()));
        _node.Time.Advance(TimeSpan.FromMinutes(3));
        // The due-work timer may run it too: whoever runs first marks the row, and only once.
        await AlertTesting.RunDeadlinesAsync(_node);
        Assert.Equal(0, await AlertTesting.RunDeadlinesAsync(_node));
        var overdue = await _analyst.GetFromJsonAsync<JsonElement>("/api/alerts?overdue=true");
        Assert.Single(overdue.GetProperty("items").EnumerateArray());
        await AlertTesting.ReceiveAsync(_node, lateLink, AlertTesting.Acknowledgement(id, late, _node.Time.GetUtcNow()));

        var view = await _analyst.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}");
        Assert.True(AlertTesting.Recipient(view, early.StixId).GetProperty("onTime").GetBoolean());
        Assert.False(AlertTesting.Recipient(view, late.StixId).GetProperty("onTime").GetBoolean());
        Assert.Equal(TestNode.Start.UtcDateTime.AddMinutes(6), AlertTesting.Recipient(view, late.StixId).GetProperty("overdueAt").GetDateTime().ToUniversalTime());
        var kinds = (await _analyst.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}/timeline")).EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["raised", "acknowledged", "overdue", "acknowledged"], kinds);

        var figures = await _analyst.GetFromJsonAsync<JsonElement>("/api/alerts/figures");
        var flash = figures.GetProperty("byPrecedence").EnumerateArray().Single(p => p.GetProperty("group").GetString() == "flash");
        Assert.Equal(1, flash.GetProperty("onTime").GetInt32());
        Assert.Equal(1, flash.GetProperty("late").GetInt32());
        Assert.Equal(360, flash.GetProperty("p90Seconds").GetDouble());
        Assert.Empty(figures.GetProperty("overdueNow").EnumerateArray());
    }

    [Fact]
    public async Task Acknowledgement_FromAPartyNotAddressed_OrForAnUnknownAlert_IsNotLinked_AndIsAudited()
    {
        var (addressed, _) = await AlertTesting.AddLinkAsync(_node, "Addressed");
        var body = AlertTesting.Valid();
        body["recipients"] = new JsonArray(addressed.StixId);
        var id = (await AlertTesting.RaiseAsync(_analyst, body)).GetProperty("id").GetString()!;
        var (other, otherLink) = await AlertTesting.AddLinkAsync(_node, "Other");

        var results = await AlertTesting.ReceiveAsync(_node, otherLink,
            AlertTesting.Acknowledgement(id, other, _node.Time.GetUtcNow()),
            AlertTesting.Acknowledgement("liaison-alert--0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e", other, _node.Time.GetUtcNow()));

        Assert.All(results, r => Assert.True(r.Success));
        var view = await _analyst.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}");
        Assert.Equal("awaiting", AlertTesting.Recipient(view, addressed.StixId).GetProperty("state").GetString());
        Assert.Single(view.GetProperty("acknowledgements").EnumerateArray());
        var audited = await AlertTesting.WithDbAsync(_node, db => db.AuditEntries.CountAsync(e => e.Action == "alert.acknowledgement-not-linked"));
        Assert.Equal(2, audited);
    }

    [Fact]
    public async Task UpdateCancelClose_OnlyWhileActive()
    {
        await AlertTesting.AddLinkAsync(_node, "North");
        var id = (await AlertTesting.RaiseAsync(_analyst, AlertTesting.Valid())).GetProperty("id").GetString()!;

        var updated = await (await _analyst.PostAsJsonAsync($"/api/alerts/{id}/update", AlertTesting.Valid("Now moving west", "immediate"))).Content.ReadFromJsonAsync<JsonElement>();
        var cancelled = await _analyst.PostAsJsonAsync($"/api/alerts/{id}/cancel", new { reason = "They turned back." });
        await Expect.StatusAsync(HttpStatusCode.OK, cancelled);
        var closeAfter = await _analyst.PostAsJsonAsync($"/api/alerts/{id}/close", new { });

        Assert.Equal(2, updated.GetProperty("revision").GetInt32());
        Assert.Equal("immediate", updated.GetProperty("precedence").GetString());
        var view = await cancelled.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("cancelled", view.GetProperty("status").GetString());
        Assert.Equal(3, view.GetProperty("revision").GetInt32());
        await Expect.ProblemAsync(closeAfter, HttpStatusCode.Conflict);
        Assert.Equal(3, await AlertTesting.WithDbAsync(_node, db => db.SharedObjects.CountAsync(o => o.StixId == id)));
    }
}
