using Liaison.Exchange;
using Liaison.Storage;
using Liaison.Tests.Features.Incidents;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange;

/// <summary>
/// The exchange between two nodes on PostgreSQL, whose timestamps keep microseconds where .NET and SQLite keep
/// 100-nanosecond ticks: a version minted between two microseconds must still be receipted, and a retried push of
/// it must still be recognised as the version already held.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresExchangeTests(PostgresFixture postgres)
{
    [Fact]
    public async Task AVersionMintedBetweenMicroseconds_IsReceipted_AndARetriedPushChangesNothing()
    {
        await using var nodes = await TwoNodes.StartAsync(
            customizeA: b => b.Configuration["Exchange:RunInBackground"] = "false",
            customizeB: b => b.Configuration["Exchange:RunInBackground"] = "false",
            databaseA: new DatabaseSettings(DatabaseProvider.Postgres, await postgres.Server.CreateUniqueDatabaseAsync()),
            databaseB: new DatabaseSettings(DatabaseProvider.Postgres, await postgres.Server.CreateUniqueDatabaseAsync()));
        var analyst = await nodes.A.SignInNewUserAsync("analyst", "Analyst");
        nodes.A.Time.Advance(TimeSpan.FromTicks(3)); // 0.3 µs: what a real clock gives most of the time
        var id = await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid("Minted between microseconds"));

        var relay = nodes.A.Services.GetRequiredService<Relay>();
        await relay.PushOnceAsync();
        var rows = await TwoNodes.WithDbAsync(nodes.A, db => db.Deliveries.Where(d => d.Shared.StixId == id).Select(d => new { d.State, d.LastError }).ToListAsync());
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True(r.State == DeliveryState.Delivered, r.LastError));
        var held = await TwoNodes.WithDbAsync(nodes.B, db => db.SharedObjects.CountAsync());

        // The same versions again, as after an answer lost on the way back: B recognises each as held.
        await TwoNodes.WithDbAsync(nodes.A, async db =>
        {
            foreach (var row in await db.Deliveries.ToListAsync())
            {
                row.Retry(nodes.A.Time.GetUtcNow().UtcDateTime);
            }

            return await db.SaveChangesAsync();
        });
        await relay.PushOnceAsync();
        Assert.Equal(0, await TwoNodes.WithDbAsync(nodes.A, db => db.Deliveries.CountAsync(d => d.State != DeliveryState.Delivered)));
        Assert.Equal(held, await TwoNodes.WithDbAsync(nodes.B, db => db.SharedObjects.CountAsync()));
    }
}
