using System.Net;
using System.Text.Json;
using Liaison.Exchange;
using Liaison.Features.Channel;
using Liaison.Tests.Exchange;
using Liaison.Tests.Features.Alerts;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Tests.Features.Channel;

/// <summary>The channel between two real nodes over signed TAXII: threads, replies, delivery and read receipts, outages.</summary>
public sealed class ChannelExchangeTests
{
    [Fact]
    public async Task AOpensAThread_BReplies_ASeesDeliveredWithTheReceipt_ThenReadWhenBReads()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var onA = await nodes.A.SignInNewUserAsync("officer", "LiaisonOfficer");
        var onB = await nodes.B.SignInNewUserAsync("officer", "LiaisonOfficer");
        var b = await AlertTesting.SelfIdentityAsync(nodes.B);
        var started = await ChannelTesting.StartAsync(onA, ChannelTesting.NewThread(b, priority: "urgent"));
        var thread = started.GetProperty("id").GetString()!;
        var first = ChannelTesting.Messages(started)[0].GetProperty("id").GetString()!;

        await TwoNodes.EventuallyAsync(() => TwoNodes.WithDbAsync(nodes.B, db => db.Set<ChannelMessage>().AnyAsync(m => m.StixId == first)), "B holds A's message");
        var onBSide = await ChannelTesting.ThreadAsync(onB, thread);
        Assert.Equal("Joint patrol at Taftan, Friday", onBSide.GetProperty("subject").GetString());
        Assert.Equal(1, onBSide.GetProperty("unread").GetInt32());
        Assert.Equal("urgent", ChannelTesting.Messages(onBSide)[0].GetProperty("priority").GetString());
        Assert.Equal("LiaisonOfficer", ChannelTesting.Messages(onBSide)[0].GetProperty("authorRole").GetString());

        await TwoNodes.EventuallyAsync(
            async () => ChannelTesting.Messages(await ChannelTesting.ThreadAsync(onA, thread))[0].GetProperty("state").GetString() == "delivered",
            "A sees its message delivered");
        var delivered = ChannelTesting.Messages(await ChannelTesting.ThreadAsync(onA, thread))[0];
        var receiptId = delivered.GetProperty("deliveryReceiptId").GetInt64();
        Assert.True(await TwoNodes.WithDbAsync(nodes.A, db => db.DeliveryReceipts.AnyAsync(r => r.Id == receiptId)));
        Assert.NotEqual(JsonValueKind.Null, delivered.GetProperty("deliveredAt").ValueKind);

        nodes.Advance(TimeSpan.FromMinutes(2));
        var reply = await ChannelTesting.PostAsync(onB, thread, "Confirmed: 0900 at the gate.");
        await Expect.StatusAsync(HttpStatusCode.OK, await onB.PostAsync($"/api/channel/threads/{thread}/read", null));

        await TwoNodes.EventuallyAsync(
            async () => ChannelTesting.Messages(await ChannelTesting.ThreadAsync(onA, thread)).Count == 2
                && ChannelTesting.Messages(await ChannelTesting.ThreadAsync(onA, thread))[0].GetProperty("state").GetString() == "read",
            "A sees B's reply and that B read its message");
        var onASide = ChannelTesting.Messages(await ChannelTesting.ThreadAsync(onA, thread));
        Assert.Equal("officer", onASide[0].GetProperty("readBy").GetString());
        Assert.Equal(TestNode.Start.UtcDateTime.AddMinutes(2), onASide[0].GetProperty("readAt").GetDateTime().ToUniversalTime());
        Assert.Equal(reply.GetProperty("id").GetString(), onASide[1].GetProperty("id").GetString());
        Assert.Equal("received", onASide[1].GetProperty("state").GetString());

        // B's own reply is never receipted by B; only A's reading of it will be.
        Assert.Equal("delivered", (await EventuallyStateAsync(onB, thread, 1, "delivered")).GetProperty("state").GetString());
        await Expect.StatusAsync(HttpStatusCode.OK, await onA.PostAsync($"/api/channel/threads/{thread}/read", null));
        await EventuallyStateAsync(onB, thread, 1, "read");
        Assert.Equal(1, await TwoNodes.WithDbAsync(nodes.A, db => db.Set<SharedObject>().CountAsync(o => o.Type == "liaison-receipt" && o.OriginPartyId == db.Parties.Single(p => p.IsSelf).Id)));
        Assert.Equal(1, await TwoNodes.WithDbAsync(nodes.B, db => db.Set<SharedObject>().CountAsync(o => o.Type == "liaison-receipt" && o.OriginPartyId == db.Parties.Single(p => p.IsSelf).Id)));
    }

    [Fact]
    public async Task BDown_AWritesFive_BBack_ReceivesAllFiveOnceEach_InTheOrderWritten()
    {
        // B neither pulls nor pushes: what it gets, A's relay pushes, so the order it arrives in is the relay's.
        await using var nodes = await TwoNodes.StartAsync(customizeB: builder => builder.Configuration["Exchange:RunInBackground"] = "false");
        var onA = await nodes.A.SignInNewUserAsync("officer", "LiaisonOfficer");
        var b = await AlertTesting.SelfIdentityAsync(nodes.B);
        await nodes.B.StopAsync();

        var thread = (await ChannelTesting.StartAsync(onA, ChannelTesting.NewThread(b, body: "Message 1"))).GetProperty("id").GetString()!;
        await TwoNodes.EventuallyAsync(
            () => TwoNodes.WithDbAsync(nodes.A, db => db.Partners.AnyAsync(p => p.ConsecutiveFailures > 0)),
            "A notices B is unreachable",
            tick: () => nodes.Advance(TimeSpan.FromSeconds(1)));
        for (var i = 2; i <= 5; i++)
        {
            // Each fails its own first push while the earlier ones wait out longer back-offs, so when B is back the
            // latest message is due first: the relay must still send the earliest first.
            await ChannelTesting.PostAsync(onA, thread, $"Message {i}");
            await TwoNodes.EventuallyAsync(
                () => TwoNodes.WithDbAsync(nodes.A, db => db.Set<Delivery>().Where(d => d.Shared.Type == "liaison-message").AllAsync(d => d.Attempts > 0)),
                $"A tries message {i} and fails",
                tick: () => nodes.Advance(TimeSpan.FromSeconds(1)));
        }

        var onASide = ChannelTesting.Messages(await ChannelTesting.ThreadAsync(onA, thread));
        Assert.All(onASide, m => Assert.Equal("queued", m.GetProperty("state").GetString()));

        await nodes.B.RestartAsync();
        await TwoNodes.EventuallyAsync(
            async () => await TwoNodes.WithDbAsync(nodes.B, db => db.Set<ChannelMessage>().CountAsync()) == 5,
            "B receives all five",
            tick: () => nodes.Advance(TimeSpan.FromSeconds(2)));
        await TwoNodes.EventuallyAsync(
            async () => ChannelTesting.Messages(await ChannelTesting.ThreadAsync(onA, thread)).All(m => m.GetProperty("state").GetString() == "delivered"),
            "A sees all five delivered");

        var received = await TwoNodes.WithDbAsync(nodes.B, db => db.Set<ChannelMessage>().OrderBy(m => m.Id).Select(m => new { m.Body, m.Sequence }).ToListAsync());
        Assert.Equal(["Message 1", "Message 2", "Message 3", "Message 4", "Message 5"], received.Select(m => m.Body));
        Assert.Equal([1, 2, 3, 4, 5], received.Select(m => m.Sequence));
        var onB = await nodes.B.SignInNewUserAsync("officer", "LiaisonOfficer");
        Assert.Equal(["Message 1", "Message 2", "Message 3", "Message 4", "Message 5"],
            ChannelTesting.Messages(await ChannelTesting.ThreadAsync(onB, thread)).Select(m => m.GetProperty("body").GetString()));

        // A's deliveries went in the order written: each later message's receipt is no earlier than an earlier one's.
        var deliveredAt = ChannelTesting.Messages(await ChannelTesting.ThreadAsync(onA, thread)).Select(m => m.GetProperty("deliveryReceiptId").GetInt64()).ToList();
        Assert.Equal(deliveredAt.Order(), deliveredAt);
    }

    private static async Task<JsonElement> EventuallyStateAsync(HttpClient client, string thread, int index, string state)
    {
        JsonElement message = default;
        await TwoNodes.EventuallyAsync(async () =>
        {
            var messages = ChannelTesting.Messages(await ChannelTesting.ThreadAsync(client, thread));
            message = messages.Count > index ? messages[index] : default;
            return messages.Count > index && message.GetProperty("state").GetString() == state;
        }, $"message {index} becomes {state}");
        return message;
    }
}
