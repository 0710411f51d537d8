using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Features.Alerts;
using Liaison.Features.Escalation;
using Liaison.Features.Officers;
using Liaison.Tests.Features.Alerts;
using Liaison.Tests.Infrastructure;
using static Liaison.Tests.Features.Escalation.EscalationTesting;

namespace Liaison.Tests.Features.Escalation;

/// <summary>The default ladder of an IMMEDIATE alert (15-minute window): duty officer at 0, supervisor at 6, head of desk at 12, everyone at 15 minutes.</summary>
public sealed class EscalationTests
{
    private static readonly DutyRole[] FullDesk = [DutyRole.DutyOfficer, DutyRole.Supervisor, DutyRole.HeadOfDesk];

    [Fact]
    public async Task Steps_FireAtTheirTimes_InOrder_NeverEarly()
    {
        await using var node = await StartAsync();
        await RosterAsync(node, FullDesk);
        var (partner, link) = await AlertTesting.AddLinkAsync(node, "North");
        var alert = await ReceiveAlertAsync(node, link, partner);
        var received = node.Time.GetUtcNow().UtcDateTime;

        var planned = await StepsAsync(node, alert);
        Assert.Equal([EscalationRung.DutyOfficer, EscalationRung.Supervisor, EscalationRung.HeadOfDesk, EscalationRung.EveryoneOnDuty], planned.Select(s => s.Rung));
        Assert.Equal([0, 6, 12, 15], planned.Select(s => (s.DueAt - received).TotalMinutes));
        Assert.All(planned, s => Assert.Equal(EscalationStepState.Pending, s.State));

        await TickAsync(node);
        Assert.Equal([EscalationStepState.Fired, EscalationStepState.Pending, EscalationStepState.Pending, EscalationStepState.Pending], (await StepsAsync(node, alert)).Select(s => s.State));

        foreach (var (minutes, fired) in new[] { (6, 2), (12, 3), (15, 4) })
        {
            node.Time.SetUtcNow(received.AddMinutes(minutes).AddSeconds(-1));
            await TickAsync(node);
            Assert.Equal(fired - 1, (await StepsAsync(node, alert)).Count(s => s.State == EscalationStepState.Fired));
            node.Time.Advance(TimeSpan.FromSeconds(1));
            await TickAsync(node);
            Assert.Equal(fired, (await StepsAsync(node, alert)).Count(s => s.State == EscalationStepState.Fired));
        }

        var steps = await StepsAsync(node, alert);
        Assert.All(steps, s => Assert.Equal(s.DueAt, s.FiredAt));
        Assert.Equal([1, 1, 1, 3], steps.Select(s => s.Notified));
        var notifications = await NotificationsAsync(node, alert);
        Assert.Equal(["duty-officer officer", "supervisor officer", "head-of-desk officer"], notifications.Take(3).Select(n => n.OfficerName));
        Assert.Equal(6, notifications.Count);
        Assert.All(notifications, n => Assert.Equal("in-app", n.Channel));
        Assert.Equal("radio: channel 7", notifications[0].Contacts);
        var timeline = await AlertTesting.WithDbAsync(node, db => AlertTimeline.ReadAsync(db, steps[0].AlertId, default));
        Assert.Equal(4, timeline.Count(e => e.Kind == EscalationEvents.Escalated));
    }

    [Fact]
    public async Task Acknowledgement_CancelsEveryPendingStepAtOnce_AndNoneFiresAfter()
    {
        await using var node = await StartAsync();
        await RosterAsync(node, FullDesk);
        var officer = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var (partner, link) = await AlertTesting.AddLinkAsync(node, "North");
        var alert = await ReceiveAlertAsync(node, link, partner);
        await TickAsync(node);
        node.Time.Advance(TimeSpan.FromMinutes(2));

        await Expect.StatusAsync(HttpStatusCode.OK, await officer.PostAsJsonAsync($"/api/alerts/{alert}/acknowledge", new { response = "Patrols out" }));
        var steps = await StepsAsync(node, alert);
        Assert.Equal([EscalationStepState.Fired, EscalationStepState.Cancelled, EscalationStepState.Cancelled, EscalationStepState.Cancelled], steps.Select(s => s.State));
        Assert.Single(steps.Where(s => s.CancelledAt is not null).Select(s => s.CancelledAt).Distinct());
        var ladder = await officer.GetFromJsonAsync<JsonElement>($"/api/alerts/{alert}/escalation");
        Assert.Equal(["fired", "cancelled", "cancelled", "cancelled"], ladder.EnumerateArray().Select(s => s.GetProperty("state").GetString()));

        node.Time.Advance(TimeSpan.FromDays(1));
        await TickAsync(node);
        Assert.Single(await NotificationsAsync(node, alert));
        Assert.Equal(1, (await StepsAsync(node, alert)).Count(s => s.State == EscalationStepState.Fired));

    }

    [Fact]
    public async Task NobodyOnDutyAtARung_NotifiesTheDesk_AndClimbsToTheNextRung()
    {
        await using var node = await StartAsync();
        await RosterAsync(node, DutyRole.DutyOfficer, DutyRole.HeadOfDesk);
        var (partner, link) = await AlertTesting.AddLinkAsync(node, "North");
        var alert = await ReceiveAlertAsync(node, link, partner);
        await TickAsync(node);

        node.Time.Advance(TimeSpan.FromMinutes(6));
        await TickAsync(node);
        var desk = (await NotificationsAsync(node, alert)).Last();
        Assert.True(desk.IsDeskWide);
        Assert.Equal("supervisor", desk.Rung);
        Assert.StartsWith("Nobody on duty as supervisor", desk.Text, StringComparison.Ordinal);
        Assert.Equal(0, (await StepsAsync(node, alert))[1].Notified);

        node.Time.Advance(TimeSpan.FromMinutes(6));
        await TickAsync(node);
        Assert.Equal("head-of-desk officer", (await NotificationsAsync(node, alert)).Last().OfficerName);
    }

    [Fact]
    public async Task Notifications_ListFiltersAndMarkRead()
    {
        await using var node = await StartAsync();
        await RosterAsync(node, FullDesk);
        var officer = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var (partner, link) = await AlertTesting.AddLinkAsync(node, "North");
        var alert = await ReceiveAlertAsync(node, link, partner);
        var other = await ReceiveAlertAsync(node, link, partner);
        await TickAsync(node);

        var mine = await officer.GetFromJsonAsync<JsonElement>($"/api/notifications?alert={alert}");
        var id = Assert.Single(mine.EnumerateArray()).GetProperty("id").GetInt64();
        var read = await officer.PostAsync($"/api/notifications/{id}/read", null);
        await Expect.StatusAsync(HttpStatusCode.OK, read);
        Assert.Equal("user:officer", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("readBy").GetString());

        var unread = await officer.GetFromJsonAsync<JsonElement>("/api/notifications?unread=true");
        Assert.Equal([other], unread.EnumerateArray().Select(n => n.GetProperty("alert").GetString()));
        await Expect.StatusAsync(HttpStatusCode.NotFound, await officer.PostAsync("/api/notifications/999999/read", null));
    }
}
