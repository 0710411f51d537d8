using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Exchange;
using Liaison.Features.Channel;
using Liaison.Protocol.Stix;
using Liaison.Tests.Features.Alerts;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Tests.Features.Channel;

/// <summary>The channel on one node: validation, read receipts, and what a partner's objects may and may not do.</summary>
public sealed class ChannelTests
{
    [Fact]
    public async Task StartThread_WithMissingFields_NamesEachBadField()
    {
        await using var node = await TestNode.StartAsync();
        var officer = await node.SignInNewUserAsync("officer", "LiaisonOfficer");

        var problem = await Expect.ProblemAsync(await officer.PostAsJsonAsync("/api/channel/threads", new { }), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("partner", out _));
        Assert.True(errors.TryGetProperty("subject", out _));
        Assert.True(errors.TryGetProperty("message", out _));
    }

    [Fact]
    public async Task StartThread_WithAnUnknownPartnerBadPriorityAndLongBody_NamesThem()
    {
        await using var node = await TestNode.StartAsync();
        var officer = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var request = new
        {
            partner = "identity--00000000-0000-4000-8000-000000000000",
            subject = new string('s', 201),
            message = new { body = new string('b', ChannelLimits.Body + 1), priority = "routine" },
        };

        var errors = (await Expect.ProblemAsync(await officer.PostAsJsonAsync("/api/channel/threads", request), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Equal(["message.body", "message.priority", "partner", "subject"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(0, await AlertTesting.WithDbAsync(node, db => db.Set<ChannelThread>().CountAsync()));
    }

    [Fact]
    public async Task PostMessage_ToAnUnknownThread_IsNotFound_AndAnEmptyBodyIsNamed()
    {
        await using var node = await TestNode.StartAsync();
        var officer = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var (partner, _) = await AlertTesting.AddLinkAsync(node, "Iran border desk (test)");
        var thread = (await ChannelTesting.StartAsync(officer, ChannelTesting.NewThread(partner.StixId))).GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsJsonAsync($"/api/channel/threads/{Guid.NewGuid()}/messages", new { body = "x" })).StatusCode);
        var errors = (await Expect.ProblemAsync(await officer.PostAsJsonAsync($"/api/channel/threads/{thread}/messages", new { body = " ", priority = "urgent" }), HttpStatusCode.BadRequest))
            .GetProperty("errors");
        Assert.True(errors.TryGetProperty("body", out _));
    }

    [Fact]
    public async Task Auditor_CannotWrite_ButCanList()
    {
        await using var node = await TestNode.StartAsync();
        var auditor = await node.SignInNewUserAsync("auditor", "Auditor");
        var (partner, _) = await AlertTesting.AddLinkAsync(node, "Iran border desk (test)");

        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsJsonAsync("/api/channel/threads", ChannelTesting.NewThread(partner.StixId))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync("/api/channel/threads")).StatusCode);
    }

    [Fact]
    public async Task OwnMessages_WhilePartnerIsUnreachable_AreQueuedInSequence_AndReadingNeverReceiptsThem()
    {
        await using var node = await TestNode.StartAsync();
        var officer = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var (partner, _) = await AlertTesting.AddLinkAsync(node, "Iran border desk (test)");
        var started = await ChannelTesting.StartAsync(officer, ChannelTesting.NewThread(partner.StixId, priority: "flash"));
        var thread = started.GetProperty("id").GetString()!;
        await ChannelTesting.PostAsync(officer, thread, "Correction: 0930, not 0900.");

        await Expect.StatusAsync(HttpStatusCode.OK, await officer.PostAsync($"/api/channel/threads/{thread}/read", null));

        var messages = ChannelTesting.Messages(await ChannelTesting.ThreadAsync(officer, thread));
        Assert.Equal([1, 2], messages.Select(m => m.GetProperty("sequence").GetInt32()));
        Assert.All(messages, m => Assert.Equal("queued", m.GetProperty("state").GetString()));
        Assert.All(messages, m => Assert.Equal(JsonValueKind.Null, m.GetProperty("readAt").ValueKind));
        Assert.Equal("flash", messages[0].GetProperty("priority").GetString());
        Assert.Equal("sent", messages[0].GetProperty("direction").GetString());
        Assert.False(await AlertTesting.WithDbAsync(node, db => db.Set<SharedObject>().AnyAsync(o => o.Type == LiaisonReceipt.TypeName)));
        Assert.Equal(2, await AlertTesting.WithDbAsync(node, db => db.Set<Delivery>().CountAsync(d => d.Shared.Type == LiaisonMessage.TypeName && d.State == DeliveryState.Pending)));
    }

    [Fact]
    public async Task PartnerMessage_OpensTheThread_GetDoesNotMarkRead_ReadSendsOneReceiptOnce()
    {
        await using var node = await TestNode.StartAsync();
        var officer = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var (partner, partnerId) = await AlertTesting.AddLinkAsync(node, "Iran border desk (test)");
        var threadRef = Guid.NewGuid().ToString();
        var now = node.Time.GetUtcNow();
        var second = ChannelTesting.PartnerMessage(partner, threadRef, 2, now.AddSeconds(1), "Second");
        var first = ChannelTesting.PartnerMessage(partner, threadRef, 1, now, "First");
        // Arriving out of order, they are still shown in the order written.
        await AlertTesting.ReceiveAsync(node, partnerId, second, first);

        var list = await officer.GetFromJsonAsync<JsonElement>("/api/channel/threads");
        var summary = Assert.Single(list.EnumerateArray());
        Assert.Equal(threadRef, summary.GetProperty("id").GetString());
        Assert.Equal(2, summary.GetProperty("unread").GetInt32());
        Assert.Equal("Second", summary.GetProperty("lastMessage").GetProperty("body").GetString());
        Assert.False(summary.GetProperty("openedHere").GetBoolean());
        var viewed = await ChannelTesting.ThreadAsync(officer, threadRef);
        Assert.Equal(["First", "Second"], ChannelTesting.Messages(viewed).Select(m => m.GetProperty("body").GetString()));
        Assert.All(ChannelTesting.Messages(viewed), m => Assert.Equal("received", m.GetProperty("state").GetString()));

        node.Time.Advance(TimeSpan.FromMinutes(3));
        var read = await officer.PostAsync($"/api/channel/threads/{threadRef}/read", null);
        await Expect.StatusAsync(HttpStatusCode.OK, read);
        var after = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, after.GetProperty("unread").GetInt32());
        Assert.All(ChannelTesting.Messages(after), m => Assert.Equal("officer", m.GetProperty("readBy").GetString()));
        await Expect.StatusAsync(HttpStatusCode.OK, await officer.PostAsync($"/api/channel/threads/{threadRef}/read", null));

        var receipts = await AlertTesting.WithDbAsync(node, db => db.Set<SharedObject>().Where(o => o.Type == LiaisonReceipt.TypeName).Select(o => o.Json).ToListAsync());
        var receipt = LiaisonReceipt.FromJson(JsonDocument.Parse(Assert.Single(receipts)).RootElement);
        Assert.Equal([first.Id, second.Id], receipt.MessageRefs);
        Assert.Equal("officer", receipt.ReadBy);
        Assert.Equal(now.AddMinutes(3), receipt.ReadAt);
        Assert.Equal(1, await AlertTesting.WithDbAsync(node, db => db.Set<Delivery>().CountAsync(d => d.Shared.Type == LiaisonReceipt.TypeName && d.PartnerId == partnerId)));
    }

    [Fact]
    public async Task PartnerReceipt_ForMessagesNotSentToIt_MarksNothing()
    {
        await using var node = await TestNode.StartAsync();
        var officer = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var (iran, _) = await AlertTesting.AddLinkAsync(node, "Iran border desk (test)");
        var (_, otherId) = await AlertTesting.AddLinkAsync(node, "Another desk (test)");
        var other = await AlertTesting.WithDbAsync(node, db => db.Partners.Where(p => p.Id == otherId).Select(p => p.Party).SingleAsync());
        var started = await ChannelTesting.StartAsync(officer, ChannelTesting.NewThread(iran.StixId));
        var message = ChannelTesting.Messages(started)[0].GetProperty("id").GetString()!;
        var at = node.Time.GetUtcNow();

        await AlertTesting.ReceiveAsync(node, otherId, new LiaisonReceipt
        {
            Id = StixId.NewRandom(LiaisonReceipt.TypeName),
            Created = at,
            Modified = at,
            CreatedByRef = StixId.Parse(other.StixId),
            MessageRefs = [StixId.Parse(message)],
            ReadAt = at,
            ReadBy = "Someone else",
        });

        var state = ChannelTesting.Messages(await ChannelTesting.ThreadAsync(officer, started.GetProperty("id").GetString()!))[0];
        Assert.Equal("queued", state.GetProperty("state").GetString());
    }
}
