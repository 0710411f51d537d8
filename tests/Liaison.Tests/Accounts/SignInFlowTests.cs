using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Accounts;

/// <summary>init → serve → sign in → API token → authenticated call, on each database.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SignInFlowTests(PostgresFixture postgres)
{
    [Fact]
    public Task FirstAdministrator_SignsInAndUsesAnApiToken_OnSqlite() => RunAsync(null);

    [Fact]
    public async Task FirstAdministrator_SignsInAndUsesAnApiToken_OnPostgres() =>
        await RunAsync(new DatabaseSettings(DatabaseProvider.Postgres, await postgres.Server.CreateUniqueDatabaseAsync()));

    private static async Task RunAsync(DatabaseSettings? database)
    {
        await using var node = await TestNode.StartAsync(database);
        var (client, key, password) = await node.SignInAdministratorAsync();

        var me = await client.GetFromJsonAsync<JsonElement>("/api/account/me");
        Assert.Empty(me.GetProperty("pending").EnumerateArray());
        Assert.True(me.GetProperty("twoFactorEnabled").GetBoolean());

        // A fresh session now needs the password and the second factor.
        node.Time.Advance(TimeSpan.FromSeconds(31));
        var fresh = node.Client();
        var step1 = await fresh.PostAsJsonAsync("/api/account/sign-in", new { userName = "admin", password });
        Assert.Equal("two-factor-required", await Expect.StateAsync(step1));
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, await fresh.GetAsync("/api/node"));
        var step2 = await fresh.PostAsJsonAsync("/api/account/sign-in/two-factor", new { code = node.Totp(key) });
        Assert.Equal("signed-in", await Expect.StateAsync(step2));

        var created = await fresh.PostAsJsonAsync("/api/account/tokens", new { name = "nightly export", expiresInDays = 30 });
        await Expect.StatusAsync(HttpStatusCode.Created, created);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        using var script = new HttpClient { BaseAddress = node.Address };
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, await script.GetAsync("/api/node"));

        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var info = await script.GetFromJsonAsync<JsonElement>("/api/node");
        Assert.Equal("Test Party", info.GetProperty("partyName").GetString());
        Assert.Equal(node.Init.PartyIdentity, info.GetProperty("partyIdentity").GetString());
        Assert.Equal(node.Init.Fingerprint, info.GetProperty("keyFingerprint").GetString());
        Assert.Equal("token", (await script.GetFromJsonAsync<JsonElement>("/api/account/me")).GetProperty("via").GetString());

        var verify = await node.CliAsync("audit", "verify", "--data", node.DataDirectory, "--database", database is null ? "sqlite" : "postgres", "--connection", database?.ConnectionString ?? "");
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.StartsWith("OK:", verify.Output, StringComparison.Ordinal);

        // A state-changing call with the token is audited as the token's; here the token revokes itself.
        var id = token.Split('_')[1];
        await Expect.StatusAsync(HttpStatusCode.NoContent, await script.DeleteAsync($"/api/account/tokens/{id}"));
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, await script.GetAsync("/api/node"));

        var audit = await fresh.GetFromJsonAsync<JsonElement>("/api/audit");
        var rows = audit.GetProperty("rows").EnumerateArray().Select(r => $"{r.GetProperty("actor").GetString()}|{r.GetProperty("action").GetString()}|{r.GetProperty("outcome").GetString()}").ToList();
        Assert.Contains($"user:admin via token:{id}|DELETE /api/account/tokens/{id}|204", rows);
        Assert.Contains("user:admin|POST /api/account/tokens|201", rows);
        Assert.Contains("user:admin|account.sign-in|password-ok-two-factor-required", rows);
        Assert.Contains("user:admin|account.sign-in.two-factor|success", rows);
        Assert.Contains("cli|node.init|success", rows);
    }
}
