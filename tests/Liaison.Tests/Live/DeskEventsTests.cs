using Liaison.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liaison.Tests.Live;

public sealed class DeskEventsTests
{
    [Fact]
    public void Subscribe_ReceivesUntilDisposed()
    {
        var events = new DeskEvents(NullLogger<DeskEvents>.Instance);
        var seen = new List<string>();
        var subscription = events.Subscribe(s => seen.Add(s.Topic));
        events.Publish(new DeskSignal("alert"));
        subscription.Dispose();
        subscription.Dispose();
        events.Publish(new DeskSignal("request"));
        Assert.Equal(["alert"], seen);
    }

    [Fact]
    public void Publish_AFailingSubscriber_DoesNotStopTheOthers()
    {
        var events = new DeskEvents(NullLogger<DeskEvents>.Instance);
        var seen = 0;
        using var failing = events.Subscribe(_ => throw new InvalidOperationException("broken page"));
        using var working = events.Subscribe(_ => seen++);
        events.Publish(new DeskSignal("alert"));
        Assert.Equal(1, seen);
    }

    [Theory]
    [InlineData(null, null, new[] { "desk" })]
    [InlineData("identity--b", null, new[] { "party:identity--b" })]
    [InlineData("identity--b", "TFT-MJV", new[] { "party:identity--b", "sector:TFT-MJV" })]
    public void Forwarder_SendsToThePartyOrEveryDesk_AndToTheSector(string? party, string? sector, string[] groups)
    {
        Assert.Equal(groups, DeskHubForwarder.GroupsOf(new DeskSignal("alert", "liaison-alert--1", party, "flash", sector)));
    }
}
