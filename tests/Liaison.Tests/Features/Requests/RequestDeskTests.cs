using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Features.Requests;
using Liaison.Live;
using Liaison.Protocol.Stix;
using Liaison.Tests.Features.Alerts;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Features.Requests;

/// <summary>One node with partner links: sending, validation, each side's part of the lifecycle, overdue marking on fake time.</summary>
public sealed class RequestDeskTests : IAsyncLifetime
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
    public async Task Create_GoesToTheAddresseeOnly_AndIsSent()
    {
        var (north, _) = await AlertTesting.AddLinkAsync(_node, "North");
        await AlertTesting.AddLinkAsync(_node, "South");

        var request = await RequestTesting.CreateAsync(_analyst, RequestTesting.Valid(north.StixId));

        var id = request.GetProperty("id").GetString()!;
        Assert.StartsWith("liaison-request--", id, StringComparison.Ordinal);
        Assert.Equal("out", request.GetProperty("direction").GetString());
        Assert.Equal("sent", request.GetProperty("state").GetString());
        Assert.Equal(north.StixId, request.GetProperty("to").GetProperty("id").GetString());
        Assert.Equal(2, request.GetProperty("questions").GetArrayLength());
        Assert.False(request.GetProperty("overdue").GetBoolean());
        var outbox = await AlertTesting.WithDbAsync(_node, db => db.Deliveries.Where(d => d.Shared.StixId == id).Select(d => d.Partner.Party.StixId).ToListAsync());
        Assert.Equal([north.StixId], outbox);
        Assert.Equal(["sent"], await RequestTesting.TimelineAsync(_analyst, id));
    }

    public static TheoryData<string, string> Rules => new()
    {
        { "no addressee", "to" },
        { "unknown addressee", "to" },
        { "bad kind", "kind" },
        { "no subject", "subject" },
        { "no questions", "questions" },
        { "blank question", "questions[1]" },
        { "no priority", "priority" },
        { "unknown priority", "priority" },
        { "no due", "due" },
        { "due in the past", "due" },
        { "due without offset", "due" },
        { "red", "tlp" },
        { "unknown sector", "sectorCodes[0]" },
        { "malformed record", "recordRefs[0]" },
        { "record not held", "recordRefs[0]" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Create_BreakingARule_IsRefusedNamingTheField(string rule, string field)
    {
        var (north, _) = await AlertTesting.AddLinkAsync(_node, "North");
        var body = RequestTesting.Valid(north.StixId);
        switch (rule)
        {
            case "no addressee": body.Remove("to"); break;
            case "unknown addressee": body["to"] = "identity--00000000-0000-4000-8000-000000000000"; break;
            case "bad kind": body["kind"] = "gossip"; break;
            case "no subject": body["subject"] = " "; break;
            case "no questions": body["questions"] = new JsonArray(); break;
            case "blank question": body["questions"] = new JsonArray("Who?", ""); break;
            case "no priority": body.Remove("priority"); break;
            case "unknown priority": body["priority"] = "urgent"; break;
            case "no due": body.Remove("due"); break;
            case "due in the past": body["due"] = "2026-11-28T07:00:00Z"; break;
            case "due without offset": body["due"] = "2026-11-28T12:00:00"; break;
            case "red": body["tlp"] = "red"; break;
            case "unknown sector": body["sectorCodes"] = new JsonArray("NOPE"); break;
            case "malformed record": body["recordRefs"] = new JsonArray("incident-42"); break;
            case "record not held": body["recordRefs"] = new JsonArray("incident--00000000-0000-4000-8000-000000000000"); break;
        }

        var problem = await Expect.ProblemAsync(await _analyst.PostAsJsonAsync("/api/requests", body), HttpStatusCode.BadRequest);

        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList());
        Assert.Equal(0, await AlertTesting.WithDbAsync(_node, db => db.Set<PartyRequest>().CountAsync()));
        Assert.Equal(0, await AlertTesting.WithDbAsync(_node, db => db.SharedObjects.CountAsync(o => o.Type == LiaisonRequest.TypeName)));
    }

    [Fact]
    public async Task Create_BreakingManyRules_NamesEveryField()
    {
        var body = RequestTesting.Valid("identity--00000000-0000-4000-8000-000000000000");
        body["subject"] = "";
        body["priority"] = "soon";
        body["tlp"] = "red";

        var problem = await Expect.ProblemAsync(await _analyst.PostAsJsonAsync("/api/requests", body), HttpStatusCode.BadRequest);

        Assert.Equal(["priority", "subject", "tlp", "to"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Create_ByAnAuditor_IsForbidden()
    {
        var (north, _) = await AlertTesting.AddLinkAsync(_node, "North");
        var auditor = await _node.SignInNewUserAsync("auditor", "Auditor");
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await auditor.PostAsJsonAsync("/api/requests", RequestTesting.Valid(north.StixId)));
    }

    [Fact]
    public async Task OwnRequest_TakesThePartnersAcknowledgementAndAnswer_AndOnlyThePartnerMayRespond()
    {
        var (north, link) = await AlertTesting.AddLinkAsync(_node, "North");
        var (south, southLink) = await AlertTesting.AddLinkAsync(_node, "South");
        var alert = (await AlertTesting.RaiseAsync(_analyst, AlertTesting.Valid())).GetProperty("id").GetString()!;
        var body = RequestTesting.Valid(north.StixId);
        body["recordRefs"] = new JsonArray(alert);
        var id = (await RequestTesting.CreateAsync(_analyst, body)).GetProperty("id").GetString()!;
        var signals = new List<DeskSignal>();
        _node.Services.GetRequiredService<DeskEvents>().Published += s => { lock (signals) { signals.Add(s); } };

        // The requester's own side may only withdraw.
        await Expect.ProblemAsync(await _analyst.PostAsJsonAsync($"/api/requests/{id}/answer", new { text = "self-answer" }), HttpStatusCode.Conflict);
        await Expect.ProblemAsync(await _analyst.PostAsJsonAsync($"/api/requests/{id}/acknowledge", new { }), HttpStatusCode.Conflict);

        _node.Time.Advance(TimeSpan.FromMinutes(10));
        await AlertTesting.ReceiveAsync(_node, link, RequestTesting.PartnerResponse(north, id, "acknowledged", _node.Time.GetUtcNow()));
        Assert.Equal("acknowledged", (await _analyst.GetFromJsonAsync<JsonElement>($"/api/requests/{id}")).GetProperty("state").GetString());

        // A response from a party the request was not sent to is kept in the store but never linked.
        await AlertTesting.ReceiveAsync(_node, southLink, RequestTesting.PartnerResponse(south, id, "declined", _node.Time.GetUtcNow(), reason: "Not ours"));
        Assert.Equal("acknowledged", (await _analyst.GetFromJsonAsync<JsonElement>($"/api/requests/{id}")).GetProperty("state").GetString());

        _node.Time.Advance(TimeSpan.FromHours(1));
        await AlertTesting.ReceiveAsync(_node, link, RequestTesting.PartnerResponse(north, id, "answered", _node.Time.GetUtcNow(), text: "Both stopped and searched; nothing found.",
            refs: [StixId.Parse("incident--6b2a7e0c-6a43-4c48-9d7c-0d3f0c3a9e11")]));

        var view = await _analyst.GetFromJsonAsync<JsonElement>($"/api/requests/{id}");
        Assert.Equal("answered", view.GetProperty("state").GetString());
        var answer = view.GetProperty("response");
        Assert.True(answer.GetProperty("onTime").GetBoolean());
        Assert.Equal("Both stopped and searched; nothing found.", answer.GetProperty("text").GetString());
        Assert.Equal(["incident--6b2a7e0c-6a43-4c48-9d7c-0d3f0c3a9e11"], answer.GetProperty("recordRefs").EnumerateArray().Select(r => r.GetString()).ToList());
        Assert.Equal([alert], view.GetProperty("recordRefs").EnumerateArray().Select(r => r.GetString()).ToList());
        Assert.Equal(["sent", "acknowledged", "answered"], await RequestTesting.TimelineAsync(_analyst, id));
        Assert.Contains(signals, s => s.Topic == "request" && s.Id == id);
        // Answered: nothing left to withdraw.
        await Expect.ProblemAsync(await _analyst.PostAsJsonAsync($"/api/requests/{id}/withdraw", new { }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ReceivedRequest_IsAcknowledgedOnce_AnsweredOnce_AndTheResponsesGoToTheRequesterOnly()
    {
        var (north, link) = await AlertTesting.AddLinkAsync(_node, "North");
        await AlertTesting.AddLinkAsync(_node, "South");
        var received = RequestTesting.PartnerRequest(north, _node.Time.GetUtcNow(), TimeSpan.FromHours(4));
        Assert.All(await AlertTesting.ReceiveAsync(_node, link, received), r => Assert.True(r.Success, r.Message));
        var id = received.Id.ToString();
        var view = await _analyst.GetFromJsonAsync<JsonElement>($"/api/requests/{id}");
        Assert.Equal("in", view.GetProperty("direction").GetString());
        Assert.Equal("delivered", view.GetProperty("state").GetString());
        Assert.Equal("immediate", view.GetProperty("priority").GetString());
        await Expect.ProblemAsync(await _analyst.PostAsJsonAsync($"/api/requests/{id}/withdraw", new { }), HttpStatusCode.Conflict);

        _node.Time.Advance(TimeSpan.FromMinutes(5));
        await Expect.StatusAsync(HttpStatusCode.OK, await _analyst.PostAsJsonAsync($"/api/requests/{id}/acknowledge", new { acknowledgedBy = "Major Asad Khan" }));
        _node.Time.Advance(TimeSpan.FromMinutes(5));
        var again = await (await _analyst.PostAsJsonAsync($"/api/requests/{id}/acknowledge", new { })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Major Asad Khan", again.GetProperty("acknowledgedBy").GetString());

        var noText = await Expect.ProblemAsync(await _analyst.PostAsJsonAsync($"/api/requests/{id}/answer", new { text = " ", recordRefs = new[] { "incident--00000000-0000-4000-8000-000000000000" } }), HttpStatusCode.BadRequest);
        Assert.Equal(["recordRefs[0]", "text"], noText.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList());

        var answered = await _analyst.PostAsJsonAsync($"/api/requests/{id}/answer", new { text = "Crossed on Tuesday at 14:10; driver detained.", recordRefs = new[] { id } });
        await Expect.StatusAsync(HttpStatusCode.OK, answered);
        Assert.Equal("answered", (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await Expect.ProblemAsync(await _analyst.PostAsJsonAsync($"/api/requests/{id}/answer", new { text = "again" }), HttpStatusCode.Conflict);
        await Expect.ProblemAsync(await _analyst.PostAsJsonAsync($"/api/requests/{id}/decline", new { reason = "changed our mind" }), HttpStatusCode.Conflict);

        var sent = await AlertTesting.WithDbAsync(_node, db => db.Deliveries.Where(d => d.Shared.Type == LiaisonResponse.TypeName)
            .Select(d => new { d.Partner.Party.StixId, d.Shared.Json }).ToListAsync());
        Assert.Equal(2, sent.Count);
        Assert.All(sent, s => Assert.Equal(north.StixId, s.StixId));
        var responses = sent.Select(s => LiaisonResponse.FromJson(JsonDocument.Parse(s.Json).RootElement)).OrderBy(r => r.ResponseType, StringComparer.Ordinal).ToList();
        Assert.Equal(["acknowledged", "answered"], responses.Select(r => r.ResponseType));
        Assert.All(responses, r => Assert.Equal(id, r.RequestRef.ToString()));
        Assert.Equal([id], responses[1].RecordRefs!.Select(r => r.ToString()));
    }

    [Fact]
    public async Task Decline_NeedsAReason_AndIsRecorded()
    {
        var (north, link) = await AlertTesting.AddLinkAsync(_node, "North");
        var received = RequestTesting.PartnerRequest(north, _node.Time.GetUtcNow(), TimeSpan.FromHours(4));
        await AlertTesting.ReceiveAsync(_node, link, received);
        var id = received.Id.ToString();

        var problem = await Expect.ProblemAsync(await _analyst.PostAsJsonAsync($"/api/requests/{id}/decline", new { }), HttpStatusCode.BadRequest);
        Assert.Equal(["reason"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList());
        var auditor = await _node.SignInNewUserAsync("auditor", "Auditor");
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await auditor.PostAsJsonAsync($"/api/requests/{id}/decline", new { reason = "no" }));

        await Expect.StatusAsync(HttpStatusCode.OK, await _analyst.PostAsJsonAsync($"/api/requests/{id}/decline", new { reason = "Outside our area of responsibility." }));

        var view = await _analyst.GetFromJsonAsync<JsonElement>($"/api/requests/{id}");
        Assert.Equal("declined", view.GetProperty("state").GetString());
        Assert.Equal("Outside our area of responsibility.", view.GetProperty("response").GetProperty("reason").GetString());
        Assert.Equal([id], await RequestTesting.IdsAsync(_analyst, "direction=in&state=declined"));
        Assert.Empty(await RequestTesting.IdsAsync(_analyst, "open=true"));
    }

    [Fact]
    public async Task DueTime_MarksBothDirectionsOverdueOnce_AtTheDueTimeAndNotBefore()
    {
        var (north, link) = await AlertTesting.AddLinkAsync(_node, "North");
        var own = (await RequestTesting.CreateAsync(_analyst, RequestTesting.Valid(north.StixId, due: "2026-11-28T10:00:00Z"))).GetProperty("id").GetString()!;
        var received = RequestTesting.PartnerRequest(north, _node.Time.GetUtcNow(), TimeSpan.FromHours(2));
        await AlertTesting.ReceiveAsync(_node, link, received);
        var answeredInTime = RequestTesting.PartnerRequest(north, _node.Time.GetUtcNow(), TimeSpan.FromHours(2));
        await AlertTesting.ReceiveAsync(_node, link, answeredInTime);
        await Expect.StatusAsync(HttpStatusCode.OK, await _analyst.PostAsJsonAsync($"/api/requests/{answeredInTime.Id}/answer", new { text = "Done." }));

        _node.Time.Advance(TimeSpan.FromHours(2) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await RequestTesting.RunDeadlinesAsync(_node));
        Assert.Empty(await RequestTesting.IdsAsync(_analyst, "overdue=true"));

        _node.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await RequestTesting.RunDeadlinesAsync(_node));
        Assert.Equal(0, await RequestTesting.RunDeadlinesAsync(_node));

        Assert.Equal([received.Id.ToString(), own], await RequestTesting.IdsAsync(_analyst, "overdue=true"));
        foreach (var id in new[] { own, received.Id.ToString() })
        {
            var view = await _analyst.GetFromJsonAsync<JsonElement>($"/api/requests/{id}");
            Assert.True(view.GetProperty("overdue").GetBoolean());
            Assert.Equal(TestNode.Start.UtcDateTime.AddHours(2), view.GetProperty("overdueAt").GetDateTime().ToUniversalTime());
            Assert.Single(await RequestTesting.TimelineAsync(_analyst, id), k => k == "overdue");
        }

        // A late answer ends the overdue state and counts as late.
        _node.Time.Advance(TimeSpan.FromMinutes(30));
        await Expect.StatusAsync(HttpStatusCode.OK, await _analyst.PostAsJsonAsync($"/api/requests/{received.Id}/answer", new { text = "Sorry for the delay." }));
        var late = await _analyst.GetFromJsonAsync<JsonElement>($"/api/requests/{received.Id}");
        Assert.False(late.GetProperty("overdue").GetBoolean());
        Assert.False(late.GetProperty("response").GetProperty("onTime").GetBoolean());
    }

    [Fact]
    public async Task Withdraw_IssuesANewVersion_AndAWithdrawnRequestIsNeverOverdue()
    {
        var (north, link) = await AlertTesting.AddLinkAsync(_node, "North");
        var own = (await RequestTesting.CreateAsync(_analyst, RequestTesting.Valid(north.StixId, due: "2026-11-28T10:00:00Z"))).GetProperty("id").GetString()!;
        var received = RequestTesting.PartnerRequest(north, _node.Time.GetUtcNow(), TimeSpan.FromHours(2));
        await AlertTesting.ReceiveAsync(_node, link, received);

        _node.Time.Advance(TimeSpan.FromMinutes(20));
        var withdrawn = await _analyst.PostAsJsonAsync($"/api/requests/{own}/withdraw", new { });
        await Expect.StatusAsync(HttpStatusCode.OK, withdrawn);
        Assert.Equal("withdrawn", (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await AlertTesting.ReceiveAsync(_node, link, received with { Status = "withdrawn", Modified = _node.Time.GetUtcNow() });

        var versions = await AlertTesting.WithDbAsync(_node, db => db.SharedObjects.Where(o => o.StixId == own).OrderBy(o => o.Seq).Select(o => o.Json).ToListAsync());
        Assert.Equal(["open", "withdrawn"], versions.Select(j => JsonDocument.Parse(j).RootElement.GetProperty("status").GetString()));
        Assert.Equal("withdrawn", (await _analyst.GetFromJsonAsync<JsonElement>($"/api/requests/{received.Id}")).GetProperty("state").GetString());
        await Expect.ProblemAsync(await _analyst.PostAsJsonAsync($"/api/requests/{received.Id}/answer", new { text = "too late" }), HttpStatusCode.Conflict);

        _node.Time.Advance(TimeSpan.FromHours(3));
        Assert.Equal(0, await RequestTesting.RunDeadlinesAsync(_node));
        Assert.Equal([received.Id.ToString(), own], await RequestTesting.IdsAsync(_analyst, "state=withdrawn"));
    }

    [Fact]
    public async Task List_RefusesUnknownFilters_NamingEach()
    {
        var problem = await Expect.ProblemAsync(await _analyst.GetAsync("/api/requests?direction=sideways&state=lost&limit=0"), HttpStatusCode.BadRequest);
        Assert.Equal(["direction", "limit", "state"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList());
    }
}
