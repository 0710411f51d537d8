using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Features.Alerts;
using Liaison.Features.Requests;
using Liaison.Tests.Exchange;
using Liaison.Tests.Features.Alerts;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Tests.Features.Requests;

/// <summary>Requests between two real nodes over signed TAXII on loopback: each side writes only its own part.</summary>
public sealed class RequestExchangeTests
{
    [Fact]
    public async Task CreateOnA_AcknowledgeAndAnswerOnB_ASeesItAnsweredWithReferences()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var onA = await nodes.A.SignInNewUserAsync("officer", "LiaisonOfficer");
        var onB = await nodes.B.SignInNewUserAsync("officer", "LiaisonOfficer");
        var b = await AlertTesting.SelfIdentityAsync(nodes.B);
        // A record B holds, to refer to in its answer: an alert B raised to A.
        var alert = (await AlertTesting.RaiseAsync(onB, AlertTesting.Valid())).GetProperty("id").GetString()!;
        var id = (await RequestTesting.CreateAsync(onA, RequestTesting.Valid(b))).GetProperty("id").GetString()!;

        await TwoNodes.EventuallyAsync(() => TwoNodes.WithDbAsync(nodes.B, db => db.Set<PartyRequest>().AnyAsync(r => r.StixId == id)), "B holds the request");
        var onBSide = await onB.GetFromJsonAsync<JsonElement>($"/api/requests/{id}");
        Assert.Equal("in", onBSide.GetProperty("direction").GetString());
        Assert.Equal("Vehicles seen at the Mirjaveh crossing", onBSide.GetProperty("subject").GetString());
        Assert.Equal(2, onBSide.GetProperty("questions").GetArrayLength());
        await TwoNodes.EventuallyAsync(async () =>
        {
            await RequestTesting.RunDeadlinesAsync(nodes.A);
            return (await onA.GetFromJsonAsync<JsonElement>($"/api/requests/{id}")).GetProperty("state").GetString() == "delivered";
        }, "A holds B's signed receipt");
        var receiptId = (await onA.GetFromJsonAsync<JsonElement>($"/api/requests/{id}")).GetProperty("receiptId").GetInt64();
        Assert.True(await TwoNodes.WithDbAsync(nodes.A, db => db.DeliveryReceipts.AnyAsync(r => r.Id == receiptId)));

        nodes.Advance(TimeSpan.FromMinutes(3));
        await Expect.StatusAsync(HttpStatusCode.OK, await onB.PostAsJsonAsync($"/api/requests/{id}/acknowledge", new { acknowledgedBy = "Captain Reza Karimi" }));
        await TwoNodes.EventuallyAsync(
            async () => (await onA.GetFromJsonAsync<JsonElement>($"/api/requests/{id}")).GetProperty("state").GetString() == "acknowledged", "A sees the acknowledgement");

        nodes.Advance(TimeSpan.FromMinutes(30));
        await Expect.StatusAsync(HttpStatusCode.OK, await onB.PostAsJsonAsync($"/api/requests/{id}/answer", new { text = "Two pickups stopped at 16:40; see our alert.", recordRefs = new[] { alert } }));
        await TwoNodes.EventuallyAsync(
            async () => (await onA.GetFromJsonAsync<JsonElement>($"/api/requests/{id}")).GetProperty("state").GetString() == "answered", "A sees the answer");

        var onASide = await onA.GetFromJsonAsync<JsonElement>($"/api/requests/{id}");
        var answer = onASide.GetProperty("response");
        Assert.Equal("Two pickups stopped at 16:40; see our alert.", answer.GetProperty("text").GetString());
        Assert.Equal([alert], answer.GetProperty("recordRefs").EnumerateArray().Select(r => r.GetString()).ToList());
        Assert.True(answer.GetProperty("onTime").GetBoolean());
        Assert.Equal(TestNode.Start.UtcDateTime.AddMinutes(33), answer.GetProperty("at").GetDateTime().ToUniversalTime());
        Assert.Equal("Captain Reza Karimi", onASide.GetProperty("acknowledgedBy").GetString());
        // The referenced record is one A holds too: B's alert came to A over the same link.
        Assert.True(await TwoNodes.WithDbAsync(nodes.A, db => db.Set<Alert>().AnyAsync(a => a.StixId == alert)));
        Assert.Equal(["sent", "delivered", "acknowledged", "answered"], await RequestTesting.TimelineAsync(onA, id));
        // Nobody overwrote the other's record: A issued the request's only version, B the responses.
        var a = await AlertTesting.SelfIdentityAsync(nodes.A);
        var creators = await TwoNodes.WithDbAsync(nodes.A, db => db.SharedObjects.Where(o => o.StixId == id || o.Type == "liaison-response")
            .Select(o => new { o.Type, o.CreatedByRef }).ToListAsync());
        Assert.All(creators, c => Assert.Equal(c.Type == "liaison-request" ? a : b, c.CreatedByRef));
    }

    [Fact]
    public async Task DeclineOnB_ASeesTheReason()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var onA = await nodes.A.SignInNewUserAsync("officer", "LiaisonOfficer");
        var onB = await nodes.B.SignInNewUserAsync("officer", "LiaisonOfficer");
        var b = await AlertTesting.SelfIdentityAsync(nodes.B);
        var id = (await RequestTesting.CreateAsync(onA, RequestTesting.Valid(b))).GetProperty("id").GetString()!;
        await TwoNodes.EventuallyAsync(() => TwoNodes.WithDbAsync(nodes.B, db => db.Set<PartyRequest>().AnyAsync(r => r.StixId == id)), "B holds the request");

        await Expect.StatusAsync(HttpStatusCode.OK, await onB.PostAsJsonAsync($"/api/requests/{id}/decline", new { reason = "The post is outside the agreed sectors." }));

        await TwoNodes.EventuallyAsync(
            async () => (await onA.GetFromJsonAsync<JsonElement>($"/api/requests/{id}")).GetProperty("state").GetString() == "declined", "A sees the refusal");
        var response = (await onA.GetFromJsonAsync<JsonElement>($"/api/requests/{id}")).GetProperty("response");
        Assert.Equal("The post is outside the agreed sectors.", response.GetProperty("reason").GetString());
        Assert.Equal("declined", response.GetProperty("type").GetString());
    }

    [Fact]
    public async Task DueTimePasses_BothNodesMarkItOverdue_ThenALateAnswerIsLateOnBoth()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var onA = await nodes.A.SignInNewUserAsync("officer", "LiaisonOfficer");
        var onB = await nodes.B.SignInNewUserAsync("officer", "LiaisonOfficer");
        var b = await AlertTesting.SelfIdentityAsync(nodes.B);
        var id = (await RequestTesting.CreateAsync(onA, RequestTesting.Valid(b, due: "2026-11-28T09:00:00Z"))).GetProperty("id").GetString()!;
        await TwoNodes.EventuallyAsync(() => TwoNodes.WithDbAsync(nodes.B, db => db.Set<PartyRequest>().AnyAsync(r => r.StixId == id)), "B holds the request");

        nodes.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await RequestTesting.RunDeadlinesAsync(nodes.A));
        Assert.Equal(0, await RequestTesting.RunDeadlinesAsync(nodes.B));
        Assert.Empty(await RequestTesting.IdsAsync(onB, "overdue=true"));

        nodes.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await RequestTesting.RunDeadlinesAsync(nodes.A));
        Assert.Equal(1, await RequestTesting.RunDeadlinesAsync(nodes.B));
        Assert.Equal([id], await RequestTesting.IdsAsync(onA, "overdue=true&direction=out"));
        Assert.Equal([id], await RequestTesting.IdsAsync(onB, "overdue=true&direction=in"));
        foreach (var client in new[] { onA, onB })
        {
            Assert.Single(await RequestTesting.TimelineAsync(client, id), k => k == "overdue");
        }

        nodes.Advance(TimeSpan.FromMinutes(10));
        await Expect.StatusAsync(HttpStatusCode.OK, await onB.PostAsJsonAsync($"/api/requests/{id}/answer", new { text = "Late, but here it is." }));
        await TwoNodes.EventuallyAsync(
            async () => (await onA.GetFromJsonAsync<JsonElement>($"/api/requests/{id}")).GetProperty("state").GetString() == "answered", "A sees the late answer");
        foreach (var client in new[] { onA, onB })
        {
            var view = await client.GetFromJsonAsync<JsonElement>($"/api/requests/{id}");
            Assert.False(view.GetProperty("response").GetProperty("onTime").GetBoolean());
            Assert.False(view.GetProperty("overdue").GetBoolean());
        }

        var figures = await onA.GetFromJsonAsync<JsonElement>("/api/figures");
        var counts = Assert.Single(figures.GetProperty("requests").GetProperty("sent").EnumerateArray());
        Assert.Equal(1, counts.GetProperty("answeredLate").GetInt32());
        Assert.Equal(0, counts.GetProperty("answeredOnTime").GetInt32());
    }
}
