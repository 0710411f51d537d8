using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Features.Officers;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Tests.Exchange;
using Liaison.Tests.Features.Sectors;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Features.Officers;

/// <summary>
/// The partner's officers and shifts sit next to this party's own, each with its party; the partner's are read-only.
/// The partner rows are written straight to the database here, as the exchange's projection writes them.
/// </summary>
public sealed class PartnerRosterTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private HttpClient _admin = null!;
    private string _partnerIdentity = null!;
    private int _partnerOfficer;
    private int _partnerShift;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        (_admin, _, _) = await _node.SignInAdministratorAsync();
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));
        var own = await OwnOfficerAsync("Own duty officer");
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/shifts",
            new { officerId = own, sector = "TFT-MJV", role = "duty-officer", start = "2026-11-28T06:00:00Z", end = "2026-11-28T18:00:00Z" }));

        using var scope = _node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var now = _node.Time.GetUtcNow().UtcDateTime;
        var partner = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Partner border guard", "IR", isSelf: false, now);
        db.Parties.Add(partner);
        var sector = await db.Sectors.SingleAsync(s => s.Code == "TFT-MJV");
        var officer = new Officer(partner, new OfficerDetails("Partner duty officer", null, null, sector, ["fa"], [new ContactChannel(ContactKind.Phone, "+98 000 0000")]), now);
        officer.ProjectedFrom(StixId.NewRandom(Identity.TypeName).ToString(), now);
        db.Officers.Add(officer);
        var shift = new DutyShift(officer, sector, DutyRole.DutyOfficer, new DateTime(2026, 11, 28, 6, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 28, 18, 0, 0, DateTimeKind.Utc), now);
        shift.ProjectedFrom("liaison-duty-shift--" + Guid.NewGuid(), now);
        db.DutyShifts.Add(shift);
        await db.SaveChangesAsync();
        (_partnerIdentity, _partnerOfficer, _partnerShift) = (partner.StixId, officer.Id, shift.Id);
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _node.DisposeAsync();
    }

    private async Task<int> OwnOfficerAsync(string name)
    {
        var response = await _admin.PostAsJsonAsync("/api/officers", new { fullName = name });
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private async Task<List<string>> OnDutyAsync(string party) =>
        [.. (await _admin.GetFromJsonAsync<JsonElement>($"/api/duty?sector=TFT-MJV&at=2026-11-28T12:00:00Z{party}")).GetProperty("onDuty").EnumerateArray()
            .Select(d => d.GetProperty("officer").GetProperty("fullName").GetString()!)];

    [Fact]
    public async Task OwnOfficer_GetsTheSelfParty_AndIsEditable()
    {
        var self = await TwoNodes.WithDbAsync(_node, db => db.Parties.Where(p => p.IsSelf).Select(p => p.StixId).SingleAsync());
        var officers = await _admin.GetFromJsonAsync<JsonElement>("/api/officers");
        var own = Assert.Single(officers.EnumerateArray(), o => o.GetProperty("fullName").GetString() == "Own duty officer");
        Assert.Equal(self, own.GetProperty("party").GetString());
        Assert.False(own.GetProperty("readOnly").GetBoolean());
        var partner = Assert.Single(officers.EnumerateArray(), o => o.GetProperty("id").GetInt32() == _partnerOfficer);
        Assert.Equal(_partnerIdentity, partner.GetProperty("party").GetString());
        Assert.True(partner.GetProperty("readOnly").GetBoolean());
    }

    [Fact]
    public async Task PartnerOfficer_CannotBeRevisedOrDeleted()
    {
        var revise = await Expect.ProblemAsync(await _admin.PutAsJsonAsync($"/api/officers/{_partnerOfficer}", new { fullName = "Renamed" }), HttpStatusCode.Conflict);
        Assert.Equal(PartnerRoster.ReadOnlyType, revise.GetProperty("type").GetString());
        Assert.Equal(_partnerIdentity, revise.GetProperty("party").GetString());
        var delete = await Expect.ProblemAsync(await _admin.DeleteAsync($"/api/officers/{_partnerOfficer}"), HttpStatusCode.Conflict);
        Assert.Equal(PartnerRoster.ReadOnlyType, delete.GetProperty("type").GetString());
        Assert.Equal("Partner duty officer", await TwoNodes.WithDbAsync(_node, db => db.Officers.Where(o => o.Id == _partnerOfficer).Select(o => o.FullName).SingleAsync()));
    }

    [Fact]
    public async Task PartnerShifts_CannotBeAddedOrDeleted()
    {
        var add = await Expect.ProblemAsync(await _admin.PostAsJsonAsync("/api/shifts",
            new { officerId = _partnerOfficer, sector = "TFT-MJV", role = "supervisor", start = "2026-11-28T06:00:00Z", end = "2026-11-28T18:00:00Z" }), HttpStatusCode.BadRequest);
        Assert.Equal(["officerId"], add.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var delete = await Expect.ProblemAsync(await _admin.DeleteAsync($"/api/shifts/{_partnerShift}"), HttpStatusCode.Conflict);
        Assert.Equal(PartnerRoster.ReadOnlyType, delete.GetProperty("type").GetString());
        Assert.Equal(["Own duty officer", "Partner duty officer"], (await OnDutyAsync("")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Duty_PartyFilter_SelfOrAPartyIdentity_AndEachEntryNamesItsParty()
    {
        Assert.Equal(["Own duty officer"], await OnDutyAsync("&party=self"));
        Assert.Equal(["Partner duty officer"], await OnDutyAsync($"&party={_partnerIdentity}"));
        var all = await _admin.GetFromJsonAsync<JsonElement>("/api/duty?sector=TFT-MJV&at=2026-11-28T12:00:00Z");
        Assert.Contains(all.GetProperty("onDuty").EnumerateArray(), d => d.GetProperty("party").GetString() == _partnerIdentity);

        var problem = await Expect.ProblemAsync(await _admin.GetAsync($"/api/duty?sector=TFT-MJV&party={StixId.NewRandom(Identity.TypeName)}"), HttpStatusCode.BadRequest);
        Assert.Equal(["party"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task OwnOnDuty_OnlyListsThisPartysOfficers_ForEscalation()
    {
        using var scope = _node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var self = await db.Parties.SelfAsync();
        var at = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

        var own = await DutyRoster.OwnOnDutyAsync(db, self.Id, at);

        Assert.Equal(["Own duty officer"], own.Select(s => s.Officer.FullName));
        Assert.Empty(await DutyRoster.OwnOnDutyAsync(db, self.Id, at.AddHours(6)));
    }
}
