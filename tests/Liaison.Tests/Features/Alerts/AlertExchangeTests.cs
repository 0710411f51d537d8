using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Features.Alerts;
using Liaison.Tests.Exchange;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Tests.Features.Alerts;

/// <summary>Alerts between two real nodes over signed TAXII: raise on A, acknowledge on B, and A sees it.</summary>
public sealed class AlertExchangeTests
{
    [Fact]
    public async Task RaiseOnA_AcknowledgeOnB_ASeesItOnTime_WithTheDeliveryReceipt()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var onA = await nodes.A.SignInNewUserAsync("officer", "LiaisonOfficer");
        var onB = await nodes.B.SignInNewUserAsync("officer", "LiaisonOfficer");
        var b = await AlertTesting.SelfIdentityAsync(nodes.B);
        var raised = await AlertTesting.RaiseAsync(onA, AlertTesting.Valid());
        var id = raised.GetProperty("id").GetString()!;
        var deadline = AlertTesting.Recipient(raised, b).GetProperty("deadline").GetDateTime().ToUniversalTime();
        Assert.Equal(TestNode.Start.UtcDateTime.AddMinutes(5), deadline);

        await TwoNodes.EventuallyAsync(() => TwoNodes.WithDbAsync(nodes.B, db => db.Set<Alert>().AnyAsync(a => a.StixId == id)), "B holds the alert");
        var seen = await onB.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}");
        Assert.Equal("received", seen.GetProperty("direction").GetString());
        Assert.Equal(deadline, AlertTesting.Recipient(seen, b).GetProperty("deadline").GetDateTime().ToUniversalTime());
        Assert.Equal("flash", seen.GetProperty("precedence").GetString());

        nodes.Advance(TimeSpan.FromMinutes(2));
        var ack = await onB.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { response = "Patrols out", actionTaken = "Crossing closed", acknowledgedBy = "Captain Reza Karimi" });
        await Expect.StatusAsync(HttpStatusCode.OK, ack);

        await TwoNodes.EventuallyAsync(
            async () => AlertTesting.Recipient(await onA.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}"), b).GetProperty("state").GetString() == "acknowledged",
            "A sees B's acknowledgement");
        var onASide = AlertTesting.Recipient(await onA.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}"), b);
        Assert.True(onASide.GetProperty("onTime").GetBoolean());
        Assert.Equal("Captain Reza Karimi", onASide.GetProperty("acknowledgedBy").GetString());
        Assert.Equal("Crossing closed", onASide.GetProperty("actionTaken").GetString());
        Assert.Equal(TestNode.Start.UtcDateTime.AddMinutes(2), onASide.GetProperty("acknowledgedAt").GetDateTime().ToUniversalTime());
        Assert.NotEqual(JsonValueKind.Null, onASide.GetProperty("deliveredAt").ValueKind);
        var receiptId = onASide.GetProperty("receiptId").GetInt64();
        Assert.True(await TwoNodes.WithDbAsync(nodes.A, db => db.DeliveryReceipts.AnyAsync(r => r.Id == receiptId)));
    }

    [Fact]
    public async Task DeadlinePasses_AMarksOverdue_ThenBsLateAcknowledgement_IsLate()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var onA = await nodes.A.SignInNewUserAsync("officer", "LiaisonOfficer");
        var onB = await nodes.B.SignInNewUserAsync("officer", "LiaisonOfficer");
        var b = await AlertTesting.SelfIdentityAsync(nodes.B);
        var id = (await AlertTesting.RaiseAsync(onA, AlertTesting.Valid())).GetProperty("id").GetString()!;
        await TwoNodes.EventuallyAsync(() => TwoNodes.WithDbAsync(nodes.B, db => db.Set<Alert>().AnyAsync(a => a.StixId == id)), "B holds the alert");

        nodes.Advance(TimeSpan.FromMinutes(6));
        await AlertTesting.RunDeadlinesAsync(nodes.A);
        var overdue = AlertTesting.Recipient(await onA.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}"), b);
        Assert.Equal("overdue", overdue.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, overdue.GetProperty("overdueAt").ValueKind);

        await Expect.StatusAsync(HttpStatusCode.OK, await onB.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { }));
        await TwoNodes.EventuallyAsync(
            async () => AlertTesting.Recipient(await onA.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}"), b).GetProperty("state").GetString() == "acknowledged",
            "A sees B's acknowledgement");
        var late = AlertTesting.Recipient(await onA.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}"), b);
        Assert.False(late.GetProperty("onTime").GetBoolean());
        var kinds = (await onA.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}/timeline")).EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Single(kinds, k => k == "overdue");
        Assert.Equal("acknowledged", kinds[^1]);
    }

    [Fact]
    public async Task UpdateAndCancel_TravelToB()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var onA = await nodes.A.SignInNewUserAsync("officer", "LiaisonOfficer");
        var onB = await nodes.B.SignInNewUserAsync("officer", "LiaisonOfficer");
        var id = (await AlertTesting.RaiseAsync(onA, AlertTesting.Valid())).GetProperty("id").GetString()!;
        nodes.Advance(TimeSpan.FromSeconds(30));
        await Expect.StatusAsync(HttpStatusCode.OK, await onA.PostAsJsonAsync($"/api/alerts/{id}/update", AlertTesting.Valid("Group now moving west")));

        await TwoNodes.EventuallyAsync(
            () => TwoNodes.WithDbAsync(nodes.B, db => db.Set<Alert>().AnyAsync(a => a.StixId == id && a.Revision == 2)), "B holds revision 2");
        Assert.Equal("Group now moving west", (await onB.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}")).GetProperty("title").GetString());
        await TwoNodes.EventuallyAsync(
            () => TwoNodes.WithDbAsync(nodes.A, db => db.Deliveries.AnyAsync(d => d.Shared.StixId == id && d.State == Liaison.Exchange.DeliveryState.Delivered)), "A holds B's receipt");
        await AlertTesting.RunDeadlinesAsync(nodes.A);
        var onASide = await onA.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}");
        Assert.NotEqual(JsonValueKind.Null, onASide.GetProperty("acknowledgements")[0].GetProperty("receiptId").ValueKind);
        var aKinds = (await onA.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}/timeline")).EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Single(aKinds, k => k == "delivered");

        nodes.Advance(TimeSpan.FromSeconds(30));
        await Expect.StatusAsync(HttpStatusCode.OK, await onA.PostAsJsonAsync($"/api/alerts/{id}/cancel", new { reason = "They turned back." }));
        await TwoNodes.EventuallyAsync(
            () => TwoNodes.WithDbAsync(nodes.B, db => db.Set<Alert>().AnyAsync(a => a.StixId == id && a.Status == AlertStatus.Cancelled)), "B holds the cancellation");
        var onBSide = await onB.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}");
        Assert.Equal("They turned back.", onBSide.GetProperty("statusReason").GetString());
        Assert.Equal(3, onBSide.GetProperty("revision").GetInt32());
        await Expect.ProblemAsync(await onB.PostAsJsonAsync($"/api/alerts/{id}/acknowledge", new { }), HttpStatusCode.Conflict);
        var kinds = (await onB.GetFromJsonAsync<JsonElement>($"/api/alerts/{id}/timeline")).EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        // Escalation steps may be on B's timeline too; these are the alert's own versions.
        Assert.Equal(["received", "updated", "cancelled"], kinds.Where(k => k is "received" or "updated" or "cancelled"));
    }
}
