using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Tests.Features.Sectors;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Officers;

public sealed class OfficerValidationTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        (_admin, _, _) = await _node.SignInAdministratorAsync();
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _node.DisposeAsync();
    }

    private static object Karimi(string? sector = "TFT-MJV") => new
    {
        fullName = "Maj. A. Karimi",
        rank = "Major",
        unit = "Taftan Wing",
        sector,
        languages = new[] { "ur", "FA", "en", "bal" },
        contacts = new[] { new { kind = "phone", value = "+92 81 1234567" }, new { kind = "radio", value = "VHF ch 16" }, new { kind = "email", value = "karimi@example.org" } },
    };

    private async Task<int> CreateOfficerAsync()
    {
        var response = await _admin.PostAsJsonAsync("/api/officers", Karimi());
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static IEnumerable<string> Fields(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

    [Fact]
    public async Task Create_StoresLanguagesAndContacts()
    {
        var id = await CreateOfficerAsync();
        var officer = await _admin.GetFromJsonAsync<JsonElement>($"/api/officers/{id}");
        Assert.Equal("TFT-MJV", officer.GetProperty("sector").GetString());
        Assert.Equal(["ur", "fa", "en", "bal"], officer.GetProperty("languages").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal(["phone", "radio", "email"], officer.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("kind").GetString()));
        Assert.Equal([id], (await _admin.GetFromJsonAsync<JsonElement>("/api/officers?sector=tft-mjv")).EnumerateArray().Select(o => o.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task Create_BadFields_AreEachNamed_AndNothingIsWritten()
    {
        var body = new
        {
            fullName = " ",
            sector = "NOPE",
            languages = new[] { "fa", "not a tag", "x" },
            contacts = new[] { new { kind = "phone", value = "call me" }, new { kind = "pigeon", value = "loft 3" }, new { kind = "email", value = "nobody" } },
        };
        var problem = await Expect.ProblemAsync(await _admin.PostAsJsonAsync("/api/officers", body), HttpStatusCode.BadRequest);
        Assert.Equal(["contacts[0].value", "contacts[1].kind", "contacts[2].value", "fullName", "languages[1]", "languages[2]", "sector"], Fields(problem));
        Assert.Empty((await _admin.GetFromJsonAsync<JsonElement>("/api/officers")).EnumerateArray());
    }

    [Fact]
    public async Task Update_ReplacesContacts()
    {
        var id = await CreateOfficerAsync();
        var response = await _admin.PutAsJsonAsync($"/api/officers/{id}", new { fullName = "Lt. Col. A. Karimi", languages = new[] { "fa" }, contacts = new[] { new { kind = "radio", value = "HF 7.2" } } });
        await Expect.StatusAsync(HttpStatusCode.OK, response);
        var officer = await _admin.GetFromJsonAsync<JsonElement>($"/api/officers/{id}");
        Assert.Equal("Lt. Col. A. Karimi", officer.GetProperty("fullName").GetString());
        Assert.Equal(JsonValueKind.Null, officer.GetProperty("sector").ValueKind);
        Assert.Equal(["HF 7.2"], officer.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("value").GetString()));
        await Expect.StatusAsync(HttpStatusCode.NotFound, await _admin.PutAsJsonAsync("/api/officers/999", Karimi()));
    }

    [Theory]
    [InlineData("2026-11-28T20:00:00Z", "2026-11-28T08:00:00Z", "end")]
    [InlineData("2026-11-28T08:00:00Z", "2026-11-28T08:00:00Z", "end")]
    [InlineData("2026-11-28T08:00:00Z", "2026-12-05T08:00:01Z", "end")]
    [InlineData("2026-11-28T08:00:00", "2026-11-28T20:00:00Z", "start")]
    [InlineData("yesterday", "2026-11-28T20:00:00Z", "start")]
    public async Task CreateShift_BadTimes_AreNamed_AndNothingIsWritten(string start, string end, string field)
    {
        var id = await CreateOfficerAsync();
        var problem = await Expect.ProblemAsync(
            await _admin.PostAsJsonAsync("/api/shifts", new { officerId = id, sector = "TFT-MJV", role = "duty-officer", start, end }), HttpStatusCode.BadRequest);
        Assert.Equal([field], Fields(problem));
        Assert.Empty((await _admin.GetFromJsonAsync<JsonElement>("/api/shifts")).EnumerateArray());
    }

    [Fact]
    public async Task CreateShift_ExactlySevenDays_IsAccepted_AndOffsetsBecomeUtc()
    {
        var id = await CreateOfficerAsync();
        var response = await _admin.PostAsJsonAsync("/api/shifts",
            new { officerId = id, sector = "TFT-MJV", role = "supervisor", start = "2026-11-28T11:30:00+03:30", end = "2026-12-05T08:00:00Z" });
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        var shift = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2026-11-28T08:00:00Z", shift.GetProperty("start").GetString());
        Assert.Equal("2026-12-05T08:00:00Z", shift.GetProperty("end").GetString());
        Assert.Equal("supervisor", shift.GetProperty("role").GetString());
    }

    [Fact]
    public async Task CreateShift_UnknownOfficerSectorAndRole_AreNamed()
    {
        var problem = await Expect.ProblemAsync(
            await _admin.PostAsJsonAsync("/api/shifts", new { officerId = 999, sector = "NOPE", role = "general", start = "2026-11-28T08:00:00Z", end = "2026-11-28T20:00:00Z" }),
            HttpStatusCode.BadRequest);
        Assert.Equal(["officerId", "role", "sector"], Fields(problem));
        Assert.Empty((await _admin.GetFromJsonAsync<JsonElement>("/api/shifts")).EnumerateArray());
    }

    [Fact]
    public async Task DeleteOfficer_WithShifts_IsAConflict()
    {
        var id = await CreateOfficerAsync();
        var shift = await _admin.PostAsJsonAsync("/api/shifts", new { officerId = id, sector = "TFT-MJV", role = "duty-officer", start = "2026-11-28T08:00:00Z", end = "2026-11-28T20:00:00Z" });
        await Expect.StatusAsync(HttpStatusCode.Created, shift);
        await Expect.ProblemAsync(await _admin.DeleteAsync($"/api/officers/{id}"), HttpStatusCode.Conflict);

        var shiftId = (await shift.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await Expect.StatusAsync(HttpStatusCode.NoContent, await _admin.DeleteAsync($"/api/shifts/{shiftId}"));
        await Expect.StatusAsync(HttpStatusCode.NoContent, await _admin.DeleteAsync($"/api/officers/{id}"));
        await Expect.StatusAsync(HttpStatusCode.NotFound, await _admin.GetAsync($"/api/officers/{id}"));
    }
}
