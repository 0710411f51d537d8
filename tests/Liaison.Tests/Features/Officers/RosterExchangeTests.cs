using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Exchange;
using Liaison.Features.Officers;
using Liaison.Features.Parties;
using Liaison.Tests.Exchange;
using Liaison.Tests.Features.Sectors;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Tests.Features.Officers;

/// <summary>
/// The roster exchange between two real nodes over signed TAXII: A's officers and shifts appear on B as A's
/// read-only roster, with only what a counterpart needs, and A's changes and deletions follow.
/// </summary>
public sealed class RosterExchangeTests
{
    private static readonly DateTime Now = TestNode.Start.UtcDateTime;

    private static async Task<int> CreateAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static object Officer(string name, string sector = "TFT-MJV") => new
    {
        fullName = name,
        rank = "Captain",
        unit = "Frontier Corps, Taftan wing",
        sector,
        languages = new[] { "ur", "en" },
        contacts = new object[]
        {
            new { kind = "phone", value = "+92 81 000 0101" },
            new { kind = "radio", value = "FC TFT-MJV net 1" },
            new { kind = "email", value = "taftan.desk@pk-desk.demo.invalid" },
        },
    };

    private static object Shift(int officer, string role, DateTime start, DateTime end, string sector = "TFT-MJV") =>
        new { officerId = officer, sector, role, start = start.ToString("O"), end = end.ToString("O") };

    private static async Task<(HttpClient OnA, HttpClient OnB)> PrepareAsync(TwoNodes nodes)
    {
        var (onA, _, _) = await nodes.A.SignInAdministratorAsync();
        var (onB, _, _) = await nodes.B.SignInAdministratorAsync();
        foreach (var client in new[] { onA, onB })
        {
            await Expect.StatusAsync(HttpStatusCode.Created, await client.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));
            await Expect.StatusAsync(HttpStatusCode.Created, await client.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("MSK-JLQ", name: "Mashkel–Jalq")));
        }

        return (onA, onB);
    }

    private static Task<List<Officer>> PartnerOfficersOnBAsync(TwoNodes nodes) =>
        TwoNodes.WithDbAsync(nodes.B, db => db.Officers.AsNoTracking().Include(o => o.Party).Include(o => o.Sector).Where(o => !o.Party.IsSelf).ToListAsync());

    [Fact]
    public async Task RosterOfA_AppearsOnB_ReadOnly_AndAChangeAndADeletionFollow()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (onA, onB) = await PrepareAsync(nodes);
        var a = await TwoNodes.WithDbAsync(nodes.A, db => db.Parties.AsNoTracking().SelfAsync());
        var officer = await CreateAsync(onA, "/api/officers", Officer("Kamran Akhtar"));
        var shift = await CreateAsync(onA, "/api/shifts", Shift(officer, "duty-officer", Now.AddHours(-1), Now.AddHours(11)));

        await TwoNodes.EventuallyAsync(async () => await TwoNodes.WithDbAsync(nodes.B, db => db.DutyShifts.AnyAsync(s => s.StixId != null)), "B holds A's shift");
        var onBList = await onB.GetFromJsonAsync<JsonElement>("/api/officers");
        var seen = Assert.Single(onBList.EnumerateArray(), o => o.GetProperty("fullName").GetString() == "Kamran Akhtar");
        Assert.Equal(a.StixId, seen.GetProperty("party").GetString());
        Assert.True(seen.GetProperty("readOnly").GetBoolean());
        Assert.Equal("Captain", seen.GetProperty("rank").GetString());
        Assert.Equal("TFT-MJV", seen.GetProperty("sector").GetString());
        // Only what a counterpart needs crosses: phone and radio, not the unit, languages or e-mail.
        Assert.Equal(["phone:+92 81 000 0101", "radio:FC TFT-MJV net 1"],
            seen.GetProperty("contacts").EnumerateArray().Select(c => $"{c.GetProperty("kind").GetString()}:{c.GetProperty("value").GetString()}"));
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("unit").ValueKind);
        Assert.Empty(seen.GetProperty("languages").EnumerateArray());
        var duty = await onB.GetFromJsonAsync<JsonElement>($"/api/duty?sector=TFT-MJV&party={a.StixId}");
        Assert.Equal("Kamran Akhtar", Assert.Single(duty.GetProperty("onDuty").EnumerateArray()).GetProperty("officer").GetProperty("fullName").GetString());

        var id = seen.GetProperty("id").GetInt32();
        var refused = await Expect.ProblemAsync(await onB.PutAsJsonAsync($"/api/officers/{id}", Officer("Renamed on B")), HttpStatusCode.Conflict);
        Assert.Equal(PartnerRoster.ReadOnlyType, refused.GetProperty("type").GetString());

        // A change on A, in the same instant as the creation (fake time stands still): still a later version.
        await Expect.StatusAsync(HttpStatusCode.OK, await onA.PutAsJsonAsync($"/api/officers/{officer}", Officer("Kamran Akhtar Baloch", "MSK-JLQ")));
        await TwoNodes.EventuallyAsync(async () => (await PartnerOfficersOnBAsync(nodes)).Any(o => o.FullName == "Kamran Akhtar Baloch"), "B sees A's change");
        var changed = Assert.Single(await PartnerOfficersOnBAsync(nodes));
        Assert.Equal(id, changed.Id);
        Assert.Equal("MSK-JLQ", changed.Sector!.Code);

        // Deletions reach B: first the shift, then the officer.
        await Expect.StatusAsync(HttpStatusCode.NoContent, await onA.DeleteAsync($"/api/shifts/{shift}"));
        await TwoNodes.EventuallyAsync(async () => !await TwoNodes.WithDbAsync(nodes.B, db => db.DutyShifts.AnyAsync(s => s.StixId != null)), "B drops A's deleted shift");
        Assert.Empty((await onB.GetFromJsonAsync<JsonElement>($"/api/duty?sector=TFT-MJV&party={a.StixId}")).GetProperty("onDuty").EnumerateArray());
        await Expect.StatusAsync(HttpStatusCode.NoContent, await onA.DeleteAsync($"/api/officers/{officer}"));
        await TwoNodes.EventuallyAsync(async () => (await PartnerOfficersOnBAsync(nodes)).Count == 0, "B drops A's deleted officer");
        var revoked = await TwoNodes.WithDbAsync(nodes.B, db => db.SharedObjects.AsNoTracking().Where(o => o.IsLatest && o.OriginPartyId != 0 && o.Revoked).Select(o => o.Type).ToListAsync());
        Assert.Equal(["liaison-duty-shift", "liaison-officer"], revoked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PartnerContacts_AreWhoIsOnDutyAtTheFakeNow_WithTheHotlines()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var (onA, onB) = await PrepareAsync(nodes);
        var day = await CreateAsync(onA, "/api/officers", Officer("Day watch"));
        var night = await CreateAsync(onA, "/api/officers", Officer("Night watch"));
        var desk = await CreateAsync(onA, "/api/officers", Officer("Head of desk", "MSK-JLQ"));
        await CreateAsync(onA, "/api/shifts", Shift(day, "duty-officer", Now.AddHours(-1), Now.AddHours(11)));
        await CreateAsync(onA, "/api/shifts", Shift(night, "duty-officer", Now.AddHours(11), Now.AddHours(23)));
        await CreateAsync(onA, "/api/shifts", Shift(desk, "head-of-desk", Now.AddHours(-1), Now.AddHours(23), "MSK-JLQ"));
        await CreateAsync(onA, "/api/shifts", Shift(desk, "supervisor", Now.AddHours(-1), Now.AddHours(23)));
        await TwoNodes.EventuallyAsync(async () => await TwoNodes.WithDbAsync(nodes.B, db => db.DutyShifts.CountAsync(s => s.StixId != null)) == 4, "B holds A's four shifts");
        var partner = await TwoNodes.WithDbAsync(nodes.B, db => db.Set<Partner>().Select(p => p.Id).SingleAsync());
        await Expect.StatusAsync(HttpStatusCode.OK, await onB.PutAsJsonAsync($"/api/partners/{partner}/hotlines",
            new { hotlines = new[] { new { label = "Quetta desk, 24 h", number = "+92 81 000 0000" } } }));
        var officerOnB = await nodes.B.SignInNewUserAsync("officer", "LiaisonOfficer");

        var now = await officerOnB.GetFromJsonAsync<JsonElement>($"/api/partners/{partner}/contacts?sectors=MSK-JLQ");

        Assert.Equal(["MSK-JLQ", "TFT-MJV"], now.GetProperty("sectors").EnumerateArray().Select(s => s.GetProperty("sector").GetString()));
        Assert.True(now.GetProperty("sectors")[0].GetProperty("first").GetBoolean());
        var taftan = now.GetProperty("sectors")[1].GetProperty("onDuty").EnumerateArray().ToList();
        Assert.Equal(["duty-officer:Day watch", "supervisor:Head of desk"], taftan.Select(d => $"{d.GetProperty("role").GetString()}:{d.GetProperty("officer").GetProperty("fullName").GetString()}"));
        Assert.Equal("+92 81 000 0101", taftan[0].GetProperty("officer").GetProperty("contacts")[0].GetProperty("value").GetString());
        Assert.Equal("Quetta desk, 24 h", Assert.Single(now.GetProperty("hotlines").EnumerateArray()).GetProperty("label").GetString());

        // Off duty now, so not listed; twelve hours on, the watch has changed.
        Assert.DoesNotContain("Night watch", Names(now));
        var later = await officerOnB.GetFromJsonAsync<JsonElement>($"/api/partners/{partner}/contacts?at={Uri.EscapeDataString(Now.AddHours(12).ToString("O"))}");
        Assert.Contains("Night watch", Names(later));
        Assert.DoesNotContain("Day watch", Names(later));
        // Without sectors to put first, the sectors come by code and none is marked first.
        Assert.Equal(["MSK-JLQ", "TFT-MJV"], later.GetProperty("sectors").EnumerateArray().Select(s => s.GetProperty("sector").GetString()));
        Assert.All(later.GetProperty("sectors").EnumerateArray(), s => Assert.False(s.GetProperty("first").GetBoolean()));
        var afterAll = await officerOnB.GetFromJsonAsync<JsonElement>($"/api/partners/{partner}/contacts?at={Uri.EscapeDataString(Now.AddDays(1).ToString("O"))}");
        Assert.Empty(afterAll.GetProperty("sectors").EnumerateArray());
        Assert.Single(afterAll.GetProperty("hotlines").EnumerateArray());

        await Expect.ProblemAsync(await officerOnB.GetAsync($"/api/partners/{partner + 100}/contacts"), HttpStatusCode.NotFound);
        var badAt = await Expect.ProblemAsync(await officerOnB.GetAsync($"/api/partners/{partner}/contacts?at=yesterday"), HttpStatusCode.BadRequest);
        Assert.Equal(["at"], badAt.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    private static List<string?> Names(JsonElement contacts) =>
        [.. contacts.GetProperty("sectors").EnumerateArray().SelectMany(s => s.GetProperty("onDuty").EnumerateArray())
            .Select(d => d.GetProperty("officer").GetProperty("fullName").GetString())];
}
