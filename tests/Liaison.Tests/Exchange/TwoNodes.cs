using System.Diagnostics;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange;

/// <summary>
/// Two real nodes on loopback, each with its own SQLite file: a Pakistani desk (A) and an Iranian desk (B), each
/// pinning the other's key as <c>liaison pair</c> leaves them.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    private TwoNodes(TestNode a, TestNode b)
    {
        A = a;
        B = b;
    }

    public TestNode A { get; }

    public TestNode B { get; }

    /// <summary>Starts and pins both nodes, on SQLite, or on PostgreSQL when databases are given.</summary>
    public static async Task<TwoNodes> StartAsync(
        Action<WebApplicationBuilder>? customizeA = null, Action<WebApplicationBuilder>? customizeB = null, DatabaseSettings? databaseA = null, DatabaseSettings? databaseB = null)
    {
        var a = await TestNode.StartAsync(databaseA, party: "Pakistan border desk (test)", country: "PK", customize: customizeA);
        var b = await TestNode.StartAsync(databaseB, party: "Iran border desk (test)", country: "IR", customize: customizeB);
        var nodes = new TwoNodes(a, b);
        await PinAsync(a, b);
        await PinAsync(b, a);
        return nodes;
    }

    /// <summary>Makes <paramref name="other"/> a trusted partner of <paramref name="node"/>.</summary>
    public static async Task PinAsync(TestNode node, TestNode other)
    {
        Party otherSelf;
        using (var scope = other.Services.CreateScope())
        {
            otherSelf = await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Parties.AsNoTracking().SelfAsync();
        }

        var key = other.Services.GetRequiredService<NodeKey>();
        using (var scope = node.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            var now = node.Time.GetUtcNow().UtcDateTime;
            var party = new Party(otherSelf.StixId, otherSelf.Name, otherSelf.Country, isSelf: false, now);
            var partner = new Partner(party, other.Address, key.PublicKey, key.Fingerprint, null, false, now);
            partner.Trust(now);
            db.Add(partner);
            await db.SaveChangesAsync();
            await Feed.BackfillAsync(db, node.Time, partner.Id, default);
        }
    }

    /// <summary>Moves both clocks together, as real clocks move (signatures allow ±300 s between them).</summary>
    public void Advance(TimeSpan by)
    {
        A.Time.Advance(by);
        B.Time.Advance(by);
    }

    public static async Task<T> WithDbAsync<T>(TestNode node, Func<LiaisonDbContext, Task<T>> query)
    {
        using var scope = node.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>());
    }

    /// <summary>Waits, in real time, for the background relay and puller to get somewhere.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Action? tick = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)))
        {
            if (await condition())
            {
                return;
            }

            // Retry back-off waits on the node's clock: a test with fake time moves it along.
            tick?.Invoke();
            await Task.Delay(100);
        }

        Assert.Fail($"timed out waiting for: {what}");
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
