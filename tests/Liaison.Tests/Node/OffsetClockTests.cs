using Liaison.Node;
using Microsoft.Extensions.Configuration;

namespace Liaison.Tests.Node;

public sealed class OffsetClockTests
{
    [Fact]
    public void TheNodesClock_MintsWholeMicroseconds_SoPostgresReadsTheSameInstantBack()
    {
        var clock = OffsetClock.From(new ConfigurationBuilder().Build());
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(0, clock.GetUtcNow().Ticks % TimeSpan.TicksPerMicrosecond);
        }
    }

    [Fact]
    public void AnOffset_MovesNow_AndKeepsWholeMicroseconds()
    {
        var clock = OffsetClock.From(new ConfigurationBuilder().AddInMemoryCollection([new(OffsetClock.Key, "-00:03:30")]).Build());
        var skewed = clock.GetUtcNow();
        var system = TimeProvider.System.GetUtcNow();
        Assert.Equal(0, skewed.Ticks % TimeSpan.TicksPerMicrosecond);
        Assert.InRange(system - skewed, TimeSpan.FromSeconds(209), TimeSpan.FromSeconds(211));
    }
}
