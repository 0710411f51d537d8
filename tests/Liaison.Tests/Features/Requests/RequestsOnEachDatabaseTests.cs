using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Storage;
using Liaison.Tests.Features.Alerts;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Requests;

/// <summary>
/// Sending, receiving, responses, overdue marking, filters and figures on each database: the list filters on a state
/// computed from several nullable columns and on JSON-mapped lists, where SQLite and PostgreSQL translate differently.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RequestsOnEachDatabaseTests(PostgresFixture postgres)
{
    [Fact]
    public Task RequestFlow_OnSqlite() => RunAsync(null);

    [Fact]
    public async Task RequestFlow_OnPostgres() =>
        await RunAsync(new DatabaseSettings(DatabaseProvider.Postgres, await postgres.Server.CreateUniqueDatabaseAsync()));

    private static async Task RunAsync(DatabaseSettings? database)
    {
        await using var node = await TestNode.StartAsync(database);
        var analyst = await node.SignInNewUserAsync("analyst", "Analyst");
        var (north, northLink) = await AlertTesting.AddLinkAsync(node, "North");
        var (south, southLink) = await AlertTesting.AddLinkAsync(node, "South");
        var start = node.Time.GetUtcNow();

        async Task<string> SendAsync(string to, string due) => (await RequestTesting.CreateAsync(analyst, RequestTesting.Valid(to, due))).GetProperty("id").GetString()!;
        var onTime = await SendAsync(north.StixId, "2026-11-28T10:00:00Z");
        var late = await SendAsync(north.StixId, "2026-11-28T09:00:00Z");
        var declined = await SendAsync(north.StixId, "2026-11-28T10:00:00Z");
        var overdue = await SendAsync(south.StixId, "2026-11-28T09:30:00Z");
        var open = await SendAsync(south.StixId, "2026-11-28T18:00:00Z");
        var incoming = RequestTesting.PartnerRequest(north, start, TimeSpan.FromHours(1));
        await AlertTesting.ReceiveAsync(node, northLink, incoming);

        node.Time.Advance(TimeSpan.FromMinutes(30));
        await AlertTesting.ReceiveAsync(node, northLink, RequestTesting.PartnerResponse(north, onTime, "answered", node.Time.GetUtcNow(), text: "Yes."));
        await AlertTesting.ReceiveAsync(node, northLink, RequestTesting.PartnerResponse(north, declined, "declined", node.Time.GetUtcNow(), reason: "No."));
        await AlertTesting.ReceiveAsync(node, southLink, RequestTesting.PartnerResponse(south, open, "acknowledged", node.Time.GetUtcNow()));
        await Expect.StatusAsync(HttpStatusCode.OK, await analyst.PostAsJsonAsync($"/api/requests/{incoming.Id}/answer", new { text = "Here." }));
        node.Time.Advance(TimeSpan.FromMinutes(60));
        await AlertTesting.ReceiveAsync(node, northLink, RequestTesting.PartnerResponse(north, late, "answered", node.Time.GetUtcNow(), text: "Sorry."));
        Assert.Equal(1, await RequestTesting.RunDeadlinesAsync(node));

        Assert.Equal([open, overdue, declined, late, onTime], await RequestTesting.IdsAsync(analyst, "direction=out"));
        Assert.Equal([incoming.Id.ToString()], await RequestTesting.IdsAsync(analyst, "direction=in&state=answered"));
        Assert.Equal([late, onTime], await RequestTesting.IdsAsync(analyst, "direction=out&state=answered"));
        Assert.Equal([open], await RequestTesting.IdsAsync(analyst, "state=acknowledged"));
        Assert.Equal([overdue], await RequestTesting.IdsAsync(analyst, "state=sent"));
        Assert.Equal([overdue], await RequestTesting.IdsAsync(analyst, "overdue=true"));
        Assert.Equal([open, overdue], await RequestTesting.IdsAsync(analyst, "open=true"));
        Assert.Equal(2, (await RequestTesting.IdsAsync(analyst, "limit=2")).Count);

        var figures = await analyst.GetFromJsonAsync<JsonElement>("/api/figures");
        var sent = figures.GetProperty("requests").GetProperty("sent").EnumerateArray().ToDictionary(p => p.GetProperty("partner").GetString()!);
        Assert.Equal((3, 1, 1, 1, 0, 0), Counts(sent["North"]));
        Assert.Equal((2, 0, 0, 0, 1, 1), Counts(sent["South"]));
        var received = Assert.Single(figures.GetProperty("requests").GetProperty("received").EnumerateArray());
        Assert.Equal((1, 1, 0, 0, 0, 0), Counts(received));
        Assert.Equal(JsonValueKind.Array, figures.GetProperty("alerts").GetProperty("byPrecedence").ValueKind);
        Assert.Equal(4, figures.GetProperty("alerts").GetProperty("byPrecedence").GetArrayLength());

        // Only requests sent in the window count.
        var none = await analyst.GetFromJsonAsync<JsonElement>("/api/figures?from=2026-11-29T00:00:00Z");
        Assert.Empty(none.GetProperty("requests").GetProperty("sent").EnumerateArray());
        var bad = await Expect.ProblemAsync(await analyst.GetAsync("/api/figures?from=yesterday&to=2026-11-28T00:00:00"), HttpStatusCode.BadRequest);
        Assert.Equal(["from", "to"], bad.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList());
    }

    private static (int, int, int, int, int, int) Counts(JsonElement c) => (
        c.GetProperty("total").GetInt32(), c.GetProperty("answeredOnTime").GetInt32(), c.GetProperty("answeredLate").GetInt32(),
        c.GetProperty("declined").GetInt32(), c.GetProperty("overdueNow").GetInt32(), c.GetProperty("open").GetInt32());
}
