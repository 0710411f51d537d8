using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Tests.Features.Sectors;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Officers;

public sealed class DutyRosterTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        (_admin, _, _) = await _node.SignInAdministratorAsync();
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("PSN-GWD")));
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _node.DisposeAsync();
    }

    private async Task<int> OfficerAsync(string name)
    {
        var response = await _admin.PostAsJsonAsync("/api/officers", new { fullName = name, contacts = new[] { new { kind = "radio", value = $"{name} ch 1" } } });
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task ShiftAsync(int officer, string role, string start, string end, string sector = "TFT-MJV") =>
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/shifts", new { officerId = officer, sector, role, start, end }));

    private async Task<List<string>> OnDutyAsync(string at, string sector = "TFT-MJV")
    {
        var answer = await _admin.GetFromJsonAsync<JsonElement>($"/api/duty?sector={sector}&at={Uri.EscapeDataString(at)}");
        return [.. answer.GetProperty("onDuty").EnumerateArray().Select(d => $"{d.GetProperty("role").GetString()}:{d.GetProperty("officer").GetProperty("fullName").GetString()}")];
    }

    [Fact]
    public async Task RacingDeletesAndShifts_AreAppliedOneAfterTheOther_NeverAnswered500()
    {
        for (var round = 0; round < 5; round++)
        {
            // Five desks delete the same shift at once: one deletes it, the others find it gone.
            var officer = await OfficerAsync($"Raced {round}");
            var created = await _admin.PostAsJsonAsync("/api/shifts", new { officerId = officer, sector = "TFT-MJV", role = "duty-officer", start = "2026-11-28T08:00:00Z", end = "2026-11-28T20:00:00Z" });
            await Expect.StatusAsync(HttpStatusCode.Created, created);
            var shift = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
            var deletes = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => _admin.DeleteAsync($"/api/shifts/{shift}")));
            Assert.Equal([HttpStatusCode.NoContent, .. Enumerable.Repeat(HttpStatusCode.NotFound, 4)], deletes.Select(d => d.StatusCode).Order());

            // A shift added while its officer is deleted: either the officer goes and the shift is refused, or the
            // shift stays and so does the officer.
            var addShift = _admin.PostAsJsonAsync("/api/shifts", new { officerId = officer, sector = "TFT-MJV", role = "duty-officer", start = "2026-11-29T08:00:00Z", end = "2026-11-29T20:00:00Z" });
            var deleteOfficer = _admin.DeleteAsync($"/api/officers/{officer}");
            var (added, deleted) = (await addShift, await deleteOfficer);
            Assert.True(
                (added.StatusCode, deleted.StatusCode) is (HttpStatusCode.Created, HttpStatusCode.Conflict) or (HttpStatusCode.BadRequest, HttpStatusCode.NoContent),
                $"shift {(int)added.StatusCode}, officer delete {(int)deleted.StatusCode}");
        }
    }

    [Fact]
    public async Task Handover_AtExactlyTheEnd_TheNextOfficerIsOnAndTheFirstIsOff()
    {
        var day = await OfficerAsync("Day");
        var night = await OfficerAsync("Night");
        await ShiftAsync(day, "duty-officer", "2026-11-28T08:00:00Z", "2026-11-28T20:00:00Z");
        await ShiftAsync(night, "duty-officer", "2026-11-28T20:00:00Z", "2026-11-29T08:00:00Z");

        Assert.Empty(await OnDutyAsync("2026-11-28T07:59:59.9999999Z"));
        Assert.Equal(["duty-officer:Day"], await OnDutyAsync("2026-11-28T08:00:00Z"));
        Assert.Equal(["duty-officer:Day"], await OnDutyAsync("2026-11-28T19:59:59.9990000Z"));
        Assert.Equal(["duty-officer:Night"], await OnDutyAsync("2026-11-28T20:00:00Z"));
        Assert.Equal(["duty-officer:Night"], await OnDutyAsync("2026-11-29T07:59:59Z"));
        Assert.Empty(await OnDutyAsync("2026-11-29T08:00:00Z"));
    }

    [Fact]
    public async Task OverlappingShifts_EveryoneOnDutyIsListed_InEscalationOrder()
    {
        var head = await OfficerAsync("Head");
        var supervisor = await OfficerAsync("Supervisor");
        var early = await OfficerAsync("Early");
        var late = await OfficerAsync("Late");
        // Inserted out of ladder order on purpose.
        await ShiftAsync(head, "head-of-desk", "2026-11-28T00:00:00Z", "2026-11-29T00:00:00Z");
        await ShiftAsync(supervisor, "supervisor", "2026-11-28T06:00:00Z", "2026-11-28T18:00:00Z");
        await ShiftAsync(late, "duty-officer", "2026-11-28T11:30:00Z", "2026-11-28T20:00:00Z");
        await ShiftAsync(early, "duty-officer", "2026-11-28T08:00:00Z", "2026-11-28T12:00:00Z");

        Assert.Equal(["duty-officer:Early", "duty-officer:Late", "supervisor:Supervisor", "head-of-desk:Head"], await OnDutyAsync("2026-11-28T11:45:00Z"));
        Assert.Equal(["duty-officer:Late", "supervisor:Supervisor", "head-of-desk:Head"], await OnDutyAsync("2026-11-28T12:00:00Z"));
        Assert.Equal(["duty-officer:Late", "head-of-desk:Head"], await OnDutyAsync("2026-11-28T18:00:00Z"));
    }

    [Fact]
    public async Task OtherSectorsShifts_AreExcluded()
    {
        var here = await OfficerAsync("Here");
        var there = await OfficerAsync("There");
        await ShiftAsync(here, "duty-officer", "2026-11-28T08:00:00Z", "2026-11-28T20:00:00Z");
        await ShiftAsync(there, "duty-officer", "2026-11-28T08:00:00Z", "2026-11-28T20:00:00Z", "PSN-GWD");

        Assert.Equal(["duty-officer:Here"], await OnDutyAsync("2026-11-28T12:00:00Z"));
        Assert.Equal(["duty-officer:There"], await OnDutyAsync("2026-11-28T12:00:00Z", "psn-gwd"));
    }

    [Fact]
    public async Task At_DefaultsToNow_AndAnswersInUtcWithContacts()
    {
        var officer = await OfficerAsync("Now");
        await ShiftAsync(officer, "duty-officer", "2026-11-28T08:00:00Z", "2026-11-28T09:00:00Z");

        var answer = await _admin.GetFromJsonAsync<JsonElement>("/api/duty?sector=TFT-MJV");
        Assert.Equal("2026-11-28T08:00:00Z", answer.GetProperty("at").GetString());
        var onDuty = Assert.Single(answer.GetProperty("onDuty").EnumerateArray());
        Assert.Equal("2026-11-28T09:00:00Z", onDuty.GetProperty("end").GetString());
        Assert.Equal("Now ch 1", onDuty.GetProperty("officer").GetProperty("contacts")[0].GetProperty("value").GetString());

        _node.Time.Advance(TimeSpan.FromHours(1));
        Assert.Empty((await _admin.GetFromJsonAsync<JsonElement>("/api/duty?sector=TFT-MJV")).GetProperty("onDuty").EnumerateArray());
    }

    [Fact]
    public async Task At_WithAnOffset_IsTheSameInstantInUtc()
    {
        var officer = await OfficerAsync("Offset");
        await ShiftAsync(officer, "duty-officer", "2026-11-28T08:00:00Z", "2026-11-28T09:00:00Z");
        Assert.Empty(await OnDutyAsync("2026-11-28T08:00:00+05:00"));
        Assert.Equal(["duty-officer:Offset"], await OnDutyAsync("2026-11-28T13:00:00+05:00"));
        var answer = await _admin.GetFromJsonAsync<JsonElement>($"/api/duty?sector=TFT-MJV&at={Uri.EscapeDataString("2026-11-28T13:00:00+05:00")}");
        Assert.Equal("2026-11-28T08:00:00Z", answer.GetProperty("at").GetString());
    }

    [Fact]
    public async Task Duty_UnknownSectorIsNotFound_AndBadInputIsNamed()
    {
        await Expect.ProblemAsync(await _admin.GetAsync("/api/duty?sector=NOPE"), HttpStatusCode.NotFound);
        var problem = await Expect.ProblemAsync(await _admin.GetAsync("/api/duty?at=2026-11-28T08:00:00"), HttpStatusCode.BadRequest);
        Assert.Equal(["at", "sector"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ListShifts_ByTimeRange_UsesHalfOpenIntervals()
    {
        var officer = await OfficerAsync("Ranger");
        await ShiftAsync(officer, "duty-officer", "2026-11-28T08:00:00Z", "2026-11-28T20:00:00Z");
        await ShiftAsync(officer, "duty-officer", "2026-11-28T20:00:00Z", "2026-11-29T08:00:00Z", "PSN-GWD");

        async Task<int> CountAsync(string query) => (await _admin.GetFromJsonAsync<JsonElement>($"/api/shifts?{query}")).GetArrayLength();
        Assert.Equal(2, await CountAsync(""));
        Assert.Equal(1, await CountAsync("from=2026-11-28T20:00:00Z"));
        Assert.Equal(1, await CountAsync("to=2026-11-28T20:00:00Z"));
        Assert.Equal(2, await CountAsync("from=2026-11-28T19:00:00Z&to=2026-11-28T21:00:00Z"));
        Assert.Equal(1, await CountAsync("sector=TFT-MJV&from=2026-11-28T19:00:00Z&to=2026-11-28T21:00:00Z"));
    }
}
