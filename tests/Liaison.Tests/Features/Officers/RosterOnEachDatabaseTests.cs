using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Officers;

/// <summary>The sector, roster and duty queries end to end on each database, where time comparison and JSON columns differ.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RosterOnEachDatabaseTests(PostgresFixture postgres)
{
    [Fact]
    public Task SectorsOfficersAndDuty_OnSqlite() => RunAsync(null);

    [Fact]
    public async Task SectorsOfficersAndDuty_OnPostgres() =>
        await RunAsync(new DatabaseSettings(DatabaseProvider.Postgres, await postgres.Server.CreateUniqueDatabaseAsync()));

    private static async Task RunAsync(DatabaseSettings? database)
    {
        await using var node = await TestNode.StartAsync(database);
        var (admin, _, _) = await node.SignInAdministratorAsync();

        using var collection = new StringContent("""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[61,28.5],[61.5,28.5],[61.5,29],[61,29],[61,28.5]]]},"properties":{"code":"TFT-MJV","name":"Taftan–Mirjaveh"}},
              {"type":"Feature","geometry":{"type":"LineString","coordinates":[[62,27],[63,28]]},"properties":{"code":"PSN-GWD","name":"Pishin–Gwadar"}}]}
            """, Encoding.UTF8, "application/geo+json");
        await Expect.StatusAsync(HttpStatusCode.OK, await admin.PostAsync("/api/sectors/import", collection));
        var inBox = await admin.GetFromJsonAsync<JsonElement>("/api/sectors?bbox=62.5,27.5,64,29");
        Assert.Equal(["PSN-GWD"], inBox.EnumerateArray().Select(s => s.GetProperty("code").GetString()));

        var created = await admin.PostAsJsonAsync("/api/officers", new
        {
            fullName = "Maj. A. Karimi",
            sector = "TFT-MJV",
            languages = new[] { "ur", "bal" },
            contacts = new[] { new { kind = "phone", value = "+92 81 1234567" } },
        });
        await Expect.StatusAsync(HttpStatusCode.Created, created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var supervisor = await admin.PostAsJsonAsync("/api/officers", new { fullName = "Lt. Col. S. Khan" });
        var supervisorId = (await supervisor.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await Expect.StatusAsync(HttpStatusCode.Created, await admin.PostAsJsonAsync("/api/shifts",
            new { officerId = supervisorId, sector = "TFT-MJV", role = "supervisor", start = "2026-11-28T00:00:00Z", end = "2026-11-29T00:00:00Z" }));
        await Expect.StatusAsync(HttpStatusCode.Created, await admin.PostAsJsonAsync("/api/shifts",
            new { officerId = id, sector = "TFT-MJV", role = "duty-officer", start = "2026-11-28T08:00:00Z", end = "2026-11-28T20:00:00Z" }));

        async Task<List<string?>> OnDutyAsync(string at) =>
            [.. (await admin.GetFromJsonAsync<JsonElement>($"/api/duty?sector=TFT-MJV&at={at}")).GetProperty("onDuty").EnumerateArray()
                .Select(d => d.GetProperty("officer").GetProperty("fullName").GetString())];

        Assert.Equal(["Lt. Col. S. Khan"], await OnDutyAsync("2026-11-28T07:59:59Z"));
        Assert.Equal(["Maj. A. Karimi", "Lt. Col. S. Khan"], await OnDutyAsync("2026-11-28T08:00:00Z"));
        Assert.Equal(["Lt. Col. S. Khan"], await OnDutyAsync("2026-11-28T20:00:00Z"));

        var officer = await admin.GetFromJsonAsync<JsonElement>($"/api/officers/{id}");
        Assert.Equal(["ur", "bal"], officer.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("+92 81 1234567", officer.GetProperty("contacts")[0].GetProperty("value").GetString());
    }
}
