using Liaison.Features.Escalation;
using Liaison.Features.Notifications;
using Liaison.Features.Officers;
using Liaison.Storage;
using Liaison.Tests.Features.Alerts;
using Liaison.Tests.Infrastructure;
using Liaison.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liaison.Tests.Features.Escalation.EscalationTesting;

namespace Liaison.Tests.Timers;

/// <summary>The durable timer: due work survives a stopped node and never fires twice, on each database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DueWorkerTests(PostgresFixture postgres)
{
    [Fact]
    public async Task NodeStoppedMidWindow_FiresEachMissedStepOnceAfterRestart_AndRecordsHowLate()
    {
        await using var node = await StartAsync();
        await RosterAsync(node, DutyRole.DutyOfficer, DutyRole.Supervisor, DutyRole.HeadOfDesk);
        var (partner, link) = await AlertTesting.AddLinkAsync(node, "North");
        var alert = await ReceiveAlertAsync(node, link, partner);
        await TickAsync(node);

        await node.StopAsync();
        node.Time.Advance(TimeSpan.FromMinutes(13));
        await node.RestartAsync();
        await TickAsync(node);
        await TickAsync(node);

        var steps = await StepsAsync(node, alert);
        Assert.Equal([EscalationStepState.Fired, EscalationStepState.Fired, EscalationStepState.Fired, EscalationStepState.Pending], steps.Select(s => s.State));
        Assert.Equal([0.0, 7 * 60.0, 60.0], steps.Take(3).Select(s => s.LateSeconds!.Value));
        var notifications = await NotificationsAsync(node, alert);
        Assert.Equal(3, notifications.Count);
        Assert.Equal(3, notifications.Select(n => n.StepId).Distinct().Count());
    }

    [Fact]
    public Task TwoWorkersRacing_NeverFireAStepTwice_OnSqlite() => RaceAsync(null);

    [Fact]
    public async Task TwoWorkersRacing_NeverFireAStepTwice_OnPostgres() =>
        await RaceAsync(new DatabaseSettings(DatabaseProvider.Postgres, await postgres.Server.CreateUniqueDatabaseAsync()));

    private static async Task RaceAsync(DatabaseSettings? database)
    {
        await using var node = await StartAsync(database);
        await RosterAsync(node, DutyRole.DutyOfficer);
        var (partner, link) = await AlertTesting.AddLinkAsync(node, "North");
        var alerts = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            alerts.Add(await ReceiveAlertAsync(node, link, partner));
        }

        node.Time.Advance(TimeSpan.FromMinutes(20));
        var now = node.Time.GetUtcNow().UtcDateTime;

        // Two instances: each its own scope, context and connection, claiming from the same rows at once.
        async Task<int> WorkerAsync()
        {
            using var scope = node.Services.CreateScope();
            var work = scope.ServiceProvider.GetServices<IDueWork>().OfType<FireEscalationSteps>().Single();
            return await work.RunDueAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), now, default);
        }

        var fired = await Task.WhenAll(WorkerAsync(), WorkerAsync(), WorkerAsync());
        Assert.Equal(20, fired.Sum());
        var counts = await AlertTesting.WithDbAsync(node, db => db.Set<Notification>().GroupBy(n => n.StepId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(20, counts.Count);
        // Duty officer and everyone-on-duty find the one officer; supervisor and head of desk find nobody: one desk-wide row each.
        Assert.All(counts, c => Assert.Equal(1, c));
        var events = await AlertTesting.WithDbAsync(node, db => db.Set<Liaison.Features.Alerts.AlertEvent>().CountAsync(e => e.Kind == EscalationEvents.Escalated));
        Assert.Equal(20, events);
    }
}
