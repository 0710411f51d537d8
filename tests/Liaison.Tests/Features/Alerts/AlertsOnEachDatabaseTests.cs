using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Alerts;

/// <summary>Raising, receiving, acknowledging, overdue marking, filters and figures on each database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AlertsOnEachDatabaseTests(PostgresFixture postgres)
{
    [Fact]
    public Task AlertFlow_OnSqlite() => RunAsync(null);

    [Fact]
    public async Task AlertFlow_OnPostgres() =>
        await RunAsync(new DatabaseSettings(DatabaseProvider.Postgres, await postgres.Server.CreateUniqueDatabaseAsync()));

    private static async Task RunAsync(DatabaseSettings? database)
    {
        await using var node = await TestNode.StartAsync(database);
        var analyst = await node.SignInNewUserAsync("analyst", "Analyst");
        var (north, northLink) = await AlertTesting.AddLinkAsync(node, "North");
        var (south, _) = await AlertTesting.AddLinkAsync(node, "South");
        var self = await AlertTesting.SelfIdentityAsync(node);
        var sent = (await AlertTesting.RaiseAsync(analyst, AlertTesting.Valid())).GetProperty("id").GetString()!;
        var received = AlertTesting.PartnerAlert(north, self, node.Time.GetUtcNow(), TimeSpan.FromMinutes(15));
        await AlertTesting.ReceiveAsync(node, northLink, received);

        node.Time.Advance(TimeSpan.FromMinutes(2));
        await AlertTesting.ReceiveAsync(node, northLink, AlertTesting.Acknowledgement(sent, north, node.Time.GetUtcNow()));
        node.Time.Advance(TimeSpan.FromMinutes(4));
        await AlertTesting.RunDeadlinesAsync(node);

        async Task<List<string?>> IdsAsync(string query) =>
            [.. (await analyst.GetFromJsonAsync<JsonElement>($"/api/alerts?{query}")).GetProperty("items").EnumerateArray().Select(a => a.GetProperty("id").GetString())];
        Assert.Equal([sent], await IdsAsync("direction=sent"));
        Assert.Equal([received.Id.ToString()], await IdsAsync("direction=received&precedence=immediate&status=active"));
        Assert.Equal([received.Id.ToString(), sent], await IdsAsync("open=true"));
        Assert.Equal([sent], await IdsAsync("overdue=true"));
        Assert.Empty(await IdsAsync("status=closed"));

        var view = await analyst.GetFromJsonAsync<JsonElement>($"/api/alerts/{sent}");
        Assert.True(AlertTesting.Recipient(view, north.StixId).GetProperty("onTime").GetBoolean());
        Assert.Equal("overdue", AlertTesting.Recipient(view, south.StixId).GetProperty("state").GetString());
        var figures = await analyst.GetFromJsonAsync<JsonElement>("/api/alerts/figures");
        Assert.Equal(120, figures.GetProperty("byPartner")[0].GetProperty("medianSeconds").GetDouble());
        Assert.Equal("South", Assert.Single(figures.GetProperty("overdueNow").EnumerateArray()).GetProperty("party").GetString());
    }
}
