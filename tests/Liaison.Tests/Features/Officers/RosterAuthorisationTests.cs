using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Tests.Features.Sectors;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Officers;

public sealed class RosterAuthorisationTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Analyst_ReadsTheRoster_ButGets403OnWrites_WhileALiaisonOfficerMayWrite()
    {
        var (admin, _, _) = await _node.SignInAdministratorAsync();
        await Expect.StatusAsync(HttpStatusCode.Created, await admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));

        using var officer = await _node.SignInNewUserAsync("desk-officer", "LiaisonOfficer");
        var created = await officer.PostAsJsonAsync("/api/officers", new { fullName = "Capt. R. Baloch" });
        await Expect.StatusAsync(HttpStatusCode.Created, created);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var shift = await officer.PostAsJsonAsync("/api/shifts", new { officerId = id, sector = "TFT-MJV", role = "duty-officer", start = "2026-11-28T08:00:00Z", end = "2026-11-28T20:00:00Z" });
        await Expect.StatusAsync(HttpStatusCode.Created, shift);
        var shiftId = (await shift.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        using var analyst = await _node.SignInNewUserAsync("analyst", "Analyst");
        await Expect.StatusAsync(HttpStatusCode.OK, await analyst.GetAsync("/api/officers"));
        await Expect.StatusAsync(HttpStatusCode.OK, await analyst.GetAsync("/api/shifts"));
        await Expect.StatusAsync(HttpStatusCode.OK, await analyst.GetAsync("/api/duty?sector=TFT-MJV"));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await analyst.PostAsJsonAsync("/api/officers", new { fullName = "Someone" }));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await analyst.PutAsJsonAsync($"/api/officers/{id}", new { fullName = "Renamed" }));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await analyst.DeleteAsync($"/api/officers/{id}"));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await analyst.PostAsJsonAsync("/api/shifts", new { officerId = id, sector = "TFT-MJV", role = "supervisor", start = "2026-11-28T08:00:00Z", end = "2026-11-28T20:00:00Z" }));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await analyst.DeleteAsync($"/api/shifts/{shiftId}"));

        var roster = await admin.GetFromJsonAsync<JsonElement>("/api/shifts");
        Assert.Equal([shiftId], roster.EnumerateArray().Select(s => s.GetProperty("id").GetInt32()));
        Assert.Equal("Capt. R. Baloch", (await admin.GetFromJsonAsync<JsonElement>($"/api/officers/{id}")).GetProperty("fullName").GetString());
    }

    [Fact]
    public async Task UserStillOwingAPasswordChange_CannotUseTheRoster()
    {
        var added = await _node.CliAsync("users", "add", "--data", _node.DataDirectory, "--user", "fresh", "--role", "LiaisonOfficer");
        var password = added.Output.Split("one-time password ")[1].Split(' ')[0];
        using var client = _node.Client();
        await Expect.StatusAsync(HttpStatusCode.OK, await client.PostAsJsonAsync("/api/account/sign-in", new { userName = "fresh", password }));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await client.GetAsync("/api/duty?sector=X"));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await client.PostAsJsonAsync("/api/officers", new { fullName = "Someone" }));
    }
}
