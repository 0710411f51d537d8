using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liaison.Accounts;
using Liaison.Features.Demo;
using Liaison.Features.Officers;
using Liaison.Features.Parties;
using Liaison.Storage;
using Liaison.Tests.Exchange;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Features.Demo;

public sealed class DemoSeedTests : IAsyncLifetime
{
    private static readonly string[] SectorCodes = ["GWD-CBH", "MND-PSN", "MSK-JLQ", "SRV-PJG", "TFT-MJV"];

    private TwoNodes _nodes = null!;
    private TestNode _node = null!;
    private HttpClient _analyst = null!;
    private DemoSeed.Summary _summary = null!;

    /// <summary>The demo as <c>liaison demo</c> runs it: a Pakistani node (A) and an Iranian node (B), each seeding its own side.</summary>
    public async Task InitializeAsync()
    {
        _nodes = await TwoNodes.StartAsync();
        _node = _nodes.A;
        _summary = await SeedAsync(_node, DemoSide.Pakistan);
        await SeedAsync(_nodes.B, DemoSide.Iran);
        foreach (var (node, side) in new[] { (_nodes.A, DemoSide.Pakistan), (_nodes.B, DemoSide.Iran) })
        {
            using var scope = node.Services.CreateScope();
            await DemoSeed.SetHotlinesAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), side, CancellationToken.None);
        }

        _analyst = await _node.SignInNewUserAsync("analyst", Roles.Analyst);
        await TwoNodes.EventuallyAsync(
            async () => await TwoNodes.WithDbAsync(_node, db => db.Incidents.CountAsync(i => !i.OriginParty.IsSelf)) == 3,
            "the Iranian node's three published reports reach the Pakistani node");
    }

    public async Task DisposeAsync()
    {
        _analyst.Dispose();
        await _nodes.DisposeAsync();
    }

    private static async Task<DemoSeed.Summary> SeedAsync(TestNode node, DemoSide side = DemoSide.Pakistan)
    {
        using var scope = node.Services.CreateScope();
        return await DemoSeed.SeedAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), node.Time, side, CancellationToken.None);
    }

    private async Task<JsonElement> GetAsync(string uri)
    {
        var response = await _analyst.GetAsync(uri);
        await Expect.StatusAsync(HttpStatusCode.OK, response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Seed_ReportsWhatTheApiLists()
    {
        // Only this node's own roster: the Iranian node's comes over the exchange.
        Assert.Equal(new DemoSeed.Summary(5, 8, 21, 65, 4), _summary);
        Assert.Equal(SectorCodes, (await GetAsync("/api/sectors")).EnumerateArray().Select(s => s.GetProperty("code").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(_summary.Posts, (await GetAsync("/api/posts")).GetArrayLength());
        Assert.Equal(_summary.Officers, (await GetAsync("/api/officers")).EnumerateArray().Count(o => !o.GetProperty("readOnly").GetBoolean()));
        Assert.Equal(["border-post", "crossing", "liaison-office"], (await GetAsync("/api/posts")).EnumerateArray().Select(p => p.GetProperty("kind").GetString()).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SeededSectorsAndPosts_PassTheImportValidation_OfAnotherNode()
    {
        var sectors = await (await _analyst.GetAsync("/api/sectors.geojson")).Content.ReadAsStringAsync();
        var posts = await (await _analyst.GetAsync("/api/posts.geojson")).Content.ReadAsStringAsync();

        await using var other = await TestNode.StartAsync();
        var (admin, _, _) = await other.SignInAdministratorAsync();
        using (admin)
        {
            var imported = await admin.PostAsync("/api/sectors/import", new StringContent(sectors, Encoding.UTF8, "application/geo+json"));
            await Expect.StatusAsync(HttpStatusCode.OK, imported);
            Assert.Equal(_summary.Sectors, (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32());
            await Expect.StatusAsync(HttpStatusCode.OK, await admin.PostAsync("/api/posts/import", new StringContent(posts, Encoding.UTF8, "application/geo+json")));
            Assert.Equal(_summary.Posts, (await admin.GetFromJsonAsync<JsonElement>("/api/posts")).GetArrayLength());
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-20)]
    [InlineData(20)]
    [InlineData(38)]
    public async Task EverySector_HasAFullLadderOfItsOwnParty_OnEachNode_AroundNow(int hoursFromNow)
    {
        var at = _node.Time.GetUtcNow().AddHours(hoursFromNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        foreach (var code in SectorCodes)
        {
            var onDuty = (await GetAsync($"/api/duty?sector={code}&at={at}&party=self")).GetProperty("onDuty").EnumerateArray().ToList();
            var roles = onDuty.Where(d => d.GetProperty("officer").GetProperty("unit").GetString()!.StartsWith(DemoSeed.SelfUnitPrefix, StringComparison.Ordinal))
                .Select(d => d.GetProperty("role").GetString()).ToList();
            Assert.True(roles is ["duty-officer", "supervisor", "head-of-desk"], $"{code} at {at}: {string.Join(", ", roles)}");
            var contacts = onDuty[0].GetProperty("officer").GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("kind").GetString());
            Assert.Equal(["phone", "radio", "email"], contacts);
        }

        // The Iranian node seeds the Iranian side as its own roster.
        var instant = _nodes.B.Time.GetUtcNow().AddHours(hoursFromNow).UtcDateTime;
        var iranian = await TwoNodes.WithDbAsync(_nodes.B, async db =>
        {
            var self = await db.Parties.SelfAsync();
            return await DutyRoster.OwnOnDutyAsync(db, self.Id, instant);
        });
        foreach (var code in SectorCodes)
        {
            var roles = iranian.Where(s => s.Sector.Code == code && s.Officer.Unit!.StartsWith(DemoSeed.PartnerUnitPrefix, StringComparison.Ordinal))
                .Select(s => DutyRoles.Name(s.Role)).ToList();
            Assert.True(roles is ["duty-officer", "supervisor", "head-of-desk"], $"Iranian {code} at {instant:O}: {string.Join(", ", roles)}");
        }
    }

    [Fact]
    public async Task EachNode_SeesTheOthersOnDutyRoster_ViaTheExchange_AndHasItsHotlines()
    {
        foreach (var (node, other) in new[] { (_nodes.A, _nodes.B), (_nodes.B, _nodes.A) })
        {
            var (otherIdentity, otherShifts) = await TwoNodes.WithDbAsync(other, async db =>
            {
                var self = await db.Parties.SelfAsync();
                return (self.StixId, await db.DutyShifts.CountAsync(s => s.Officer.PartyId == self.Id));
            });
            await TwoNodes.EventuallyAsync(
                async () => await TwoNodes.WithDbAsync(node, db => db.DutyShifts.CountAsync(s => s.Officer.Party.StixId == otherIdentity)) == otherShifts,
                "every shift of the other side's roster arrives");
            var partner = await TwoNodes.WithDbAsync(node, db => db.Partners.SingleAsync());
            using var scope = node.Services.CreateScope();
            var contacts = await PartnerContacts.OnDutyAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), partner, node.Time.GetUtcNow().UtcDateTime, ["SRV-PJG"]);

            Assert.Equal(SectorCodes.Length, contacts.Sectors.Count);
            Assert.Equal("SRV-PJG", contacts.Sectors[0].Sector);
            Assert.All(contacts.Sectors, s => Assert.Equal(["duty-officer", "supervisor", "head-of-desk"], s.OnDuty.Select(d => d.Role)));
            Assert.All(contacts.Sectors.SelectMany(s => s.OnDuty), d => Assert.Equal(otherIdentity, d.Party));
            Assert.All(contacts.Sectors.SelectMany(s => s.OnDuty), d => Assert.Equal(["phone", "radio"], d.Officer.Contacts.Select(c => c.Kind)));
            Assert.Equal(2, contacts.Hotlines.Count);
            Assert.StartsWith(node == _nodes.A ? "+98" : "+92", contacts.Hotlines[0].Number, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Incidents_FromPublicReporting_ShowEveryLifecycleState()
    {
        var items = (await GetAsync("/api/incidents?from=2023-12-01T00:00:00Z&to=2024-02-01T00:00:00Z")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(_summary.Incidents + 3, items.Count);
        Assert.Equal(["draft", "published", "retracted"], items.Select(i => i.GetProperty("status").GetString()).Distinct().Order(StringComparer.Ordinal));

        var partnerTitles = items.Where(i => i.GetProperty("readOnly").GetBoolean()).Select(i => i.GetProperty("content").GetProperty("title").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["Armed clash with Ansar al-Furqan in Rask County", "Militant attack on the police station in Rask", "Pakistani strikes near Saravan"], partnerTitles);
        var iran = await TwoNodes.WithDbAsync(_nodes.B, db => db.Parties.Where(p => p.IsSelf).Select(p => p.Name).SingleAsync());
        Assert.All(items.Where(i => i.GetProperty("readOnly").GetBoolean()), i => Assert.Equal(iran, i.GetProperty("originParty").GetProperty("name").GetString()));

        var revised = Assert.Single(items, i => i.GetProperty("content").GetProperty("title").GetString() == "Pakistani workers shot dead near Saravan");
        var history = await GetAsync($"/api/incidents/{revised.GetProperty("id").GetString()}");
        Assert.Equal([1, 2], history.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("number").GetInt32()));
        Assert.False(history.GetProperty("readOnly").GetBoolean());

        var retracted = Assert.Single(items, i => i.GetProperty("status").GetString() == "retracted");
        Assert.StartsWith("Duplicate", retracted.GetProperty("retractionReason").GetString(), StringComparison.Ordinal);
        Assert.All(items, i => Assert.Equal("day", i.GetProperty("content").GetProperty("occurred").GetProperty("precision").GetString()));
    }

    [Fact]
    public async Task PartnerIncidents_CannotBeRevisedHere()
    {
        var items = (await GetAsync("/api/incidents?q=rask")).GetProperty("items").EnumerateArray();
        var partner = items.First(i => i.GetProperty("readOnly").GetBoolean());
        var retract = await _analyst.PostAsJsonAsync($"/api/incidents/{partner.GetProperty("id").GetString()}/retract", new { reason = "trying" });
        await Expect.StatusAsync(HttpStatusCode.Forbidden, retract);
    }

    [Fact]
    public async Task SeedingTwice_IsRefused()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => SeedAsync(_node));
        Assert.Equal(_summary.Sectors, (await GetAsync("/api/sectors")).GetArrayLength());
    }
}
