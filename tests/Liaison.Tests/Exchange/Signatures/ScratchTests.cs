using Liaison.Exchange.Signatures;
using Liaison.Features.Parties;
using Liaison.Exchange;
using Liaison.Protocol.Signing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Tests.Exchange.Signatures;

public sealed class ScratchTests
{
    [Fact]
    public async Task Refused_WithFakeTime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        using var key = NodeKey.Generate();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(key);
        services.AddPartnerClients();
        await using var sp = services.BuildServiceProvider();
        var now = time.GetUtcNow().UtcDateTime;
        var partner = new Partner(new Party("identity--x", "x", "PK", false, now), new Uri("http://127.0.0.1:9/"), key.PublicKey, key.Fingerprint, null, false, now);
        var client = sp.GetRequiredService<IPartnerClients>().For(partner);
        var task = client.GetAsync(new Uri("api/node", UriKind.Relative));
        var done = await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(5)));
        Assert.True(done == task, "hung on fake time");
    }
}
