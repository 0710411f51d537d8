using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Incidents;

/// <summary>Each rule is refused with its field named, and nothing is written.</summary>
public sealed class IncidentValidationTests : AnalystNodeTests
{
    public static TheoryData<string, string> Rules => new()
    {
        { "latitude 95", "location.latitude" },
        { "longitude -181", "location.longitude" },
        { "latitude without longitude", "location.longitude" },
        { "occurred in the future", "occurred.start" },
        { "end in the future", "occurred.end" },
        { "end before start", "occurred.end" },
        { "range without end", "occurred.end" },
        { "bad precision", "occurred.precision" },
        { "start without offset", "occurred.start" },
        { "negative casualties", "casualties.civilians.killed" },
        { "unknown sector", "location.sector" },
        { "unknown category", "category" },
        { "missing title", "title" },
        { "reliability G", "reliability" },
        { "credibility 7", "credibility" },
        { "unknown group", "perpetrators.groups[0]" },
        { "source without name", "sources[0].name" },
        { "source with a bad url", "sources[0].url" },
        { "unknown tlp", "tlp" },
        { "red with recipients", "recipients" },
        { "unknown recipient", "recipients[0]" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Create_BreakingARule_IsRefusedNamingTheField(string rule, string field)
    {
        var partner = await PartnerData.AddPartnerAsync(Node);
        var body = Break(IncidentRequests.Valid(), rule, partner.StixId);
        var problem = await Expect.ProblemAsync(await Analyst.PostAsJsonAsync("/api/incidents", body), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        Assert.Equal([field], errors);
        Assert.Empty((await Analyst.GetFromJsonAsync<JsonElement>("/api/incidents")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Create_BreakingManyRules_NamesEveryField()
    {
        var body = IncidentRequests.Valid();
        body["title"] = "";
        body["location"]!["latitude"] = 95;
        body["casualties"]!["securityForces"]!["killed"] = -1;
        body["category"] = "riot";
        var problem = await Expect.ProblemAsync(await Analyst.PostAsJsonAsync("/api/incidents", body), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["casualties.securityForces.killed", "category", "location.latitude", "title"], errors);
    }

    [Fact]
    public async Task Revise_BreakingARule_LeavesThePublishedVersionUntouched()
    {
        var id = await IncidentRequests.CreatePublishedAsync(Analyst, IncidentRequests.Valid("Published"));
        var bad = IncidentRequests.Valid("Bad revision");
        bad["location"]!["latitude"] = 95;
        await Expect.ProblemAsync(await Analyst.PutAsJsonAsync($"/api/incidents/{id}", bad), HttpStatusCode.BadRequest);
        var detail = await Analyst.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        Assert.Equal(1, detail.GetProperty("version").GetInt32());
        Assert.Equal("Published", detail.GetProperty("content").GetProperty("title").GetString());
    }

    [Fact]
    public async Task KnownSectorsGroupsAndPartners_AreAccepted()
    {
        var admin = (await Node.SignInAdministratorAsync()).Client;
        await Expect.StatusAsync(HttpStatusCode.Created, await admin.PostAsJsonAsync("/api/sectors", new
        {
            code = "RSK",
            name = "Rask",
            geometry = new { type = "LineString", coordinates = new[] { new[] { 61.5, 26.8 }, new[] { 62.3, 27.4 } } },
        }));
        var group = await Analyst.PostAsJsonAsync("/api/groups", new { name = "Test armed group", kind = "intrusion-set" });
        await Expect.StatusAsync(HttpStatusCode.Created, group);
        var groupId = (await group.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var partner = await PartnerData.AddPartnerAsync(Node);

        var body = IncidentRequests.Valid();
        body["location"]!["sector"] = "RSK";
        body["perpetrators"]!["groups"] = new JsonArray(groupId);
        body["recipients"] = new JsonArray(partner.StixId);
        body["tlp"] = "amber+strict";
        var created = await IncidentRequests.CreateAsync(Analyst, body);
        Assert.Equal("RSK", created.GetProperty("content").GetProperty("location").GetProperty("sector").GetString());
        Assert.Equal("amber-strict", created.GetProperty("content").GetProperty("tlp").GetString());
    }

    private static JsonObject Break(JsonObject body, string rule, string partner)
    {
        switch (rule)
        {
            case "latitude 95": body["location"]!["latitude"] = 95; break;
            case "longitude -181": body["location"]!["longitude"] = -181; break;
            case "latitude without longitude": body["location"]!.AsObject().Remove("longitude"); break;
            case "occurred in the future": body["occurred"]!["start"] = "2026-11-29T00:00:00Z"; break;
            case "end in the future": body["occurred"] = new JsonObject { ["start"] = "2026-11-01T00:00:00Z", ["end"] = "2026-12-01T00:00:00Z", ["precision"] = "range" }; break;
            case "end before start": body["occurred"] = new JsonObject { ["start"] = "2026-11-10T00:00:00Z", ["end"] = "2026-11-01T00:00:00Z", ["precision"] = "range" }; break;
            case "range without end": body["occurred"]!["precision"] = "range"; break;
            case "bad precision": body["occurred"]!["precision"] = "week"; break;
            case "start without offset": body["occurred"]!["start"] = "2026-11-20T03:00:00"; break;
            case "negative casualties": body["casualties"]!["civilians"] = new JsonObject { ["killed"] = -2 }; break;
            case "unknown sector": body["location"]!["sector"] = "NOPE"; break;
            case "unknown category": body["category"] = "riot"; break;
            case "missing title": body.Remove("title"); break;
            case "reliability G": body["reliability"] = "G"; break;
            case "credibility 7": body["credibility"] = 7; break;
            case "unknown group": body["perpetrators"]!["groups"] = new JsonArray("intrusion-set--11111111-1111-4111-8111-111111111111"); break;
            case "source without name": body["sources"] = new JsonArray(new JsonObject { ["name"] = "" }); break;
            case "source with a bad url": body["sources"] = new JsonArray(new JsonObject { ["name"] = "x", ["url"] = "javascript:alert(1)" }); break;
            case "unknown tlp": body["tlp"] = "purple"; break;
            case "red with recipients": body["tlp"] = "red"; body["recipients"] = new JsonArray(partner); break;
            case "unknown recipient": body["recipients"] = new JsonArray("identity--22222222-2222-4222-8222-222222222222"); break;
            default: throw new ArgumentOutOfRangeException(nameof(rule), rule);
        }

        return body;
    }
}
