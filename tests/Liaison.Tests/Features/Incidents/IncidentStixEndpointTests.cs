using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Protocol.Stix;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Incidents;

/// <summary>The node's STIX answers: one incident as a bundle, and the whole published picture.</summary>
public sealed class IncidentStixEndpointTests : AnalystNodeTests
{
    private const string StixMediaType = "application/stix+json";

    [Fact]
    public async Task PublishedIncident_IsABundle_WithItsLocationRelationshipsPartyMarkingAndExtensionDefinition()
    {
        var groupId = await GroupAsync("Test armed group");
        var body = IncidentRequests.Valid();
        body["perpetrators"]!["groups"] = new JsonArray(groupId);
        var id = await IncidentRequests.CreatePublishedAsync(Analyst, body);

        var response = await Analyst.GetAsync($"/api/incidents/{id}/stix");

        await Expect.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(StixMediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(response.Content.Headers.ContentType!.Parameters, p => p.Name == "version" && p.Value == "2.1");
        var bundle = StixBundleReader.Read(await response.Content.ReadAsStringAsync());
        var incident = Assert.Single(bundle.OfType<Incident>());
        Assert.Equal(id, incident.Id.ToString());
        Assert.NotNull(incident.Liaison);
        var location = Assert.Single(bundle.OfType<Location>());
        var relationships = bundle.OfType<Relationship>().ToList();
        Assert.Contains(relationships, r => r.RelationshipType == "located-at" && r.SourceRef == incident.Id && r.TargetRef == location.Id);
        Assert.Contains(relationships, r => r.RelationshipType == "attributed-to" && r.TargetRef.ToString() == groupId);
        Assert.Contains(bundle.OfType<IntrusionSet>(), g => g.Id.ToString() == groupId);
        var party = Assert.Single(bundle.OfType<Identity>());
        Assert.Equal(incident.CreatedByRef, party.Id);
        Assert.Contains(bundle.OfType<MarkingDefinition>(), m => m.Id == Tlp.IdOf(TlpLevel.Amber));
        Assert.Equal([Tlp.IdOf(TlpLevel.Amber)], incident.ObjectMarkingRefs);
        Assert.Contains(bundle.OfType<ExtensionDefinition>(), e => e.Id == LiaisonExtensions.IncidentExtensionId);
    }

    [Fact]
    public async Task Draft_IsNotShared_AndAnswersConflict()
    {
        var id = (await IncidentRequests.CreateAsync(Analyst, IncidentRequests.Valid())).GetProperty("id").GetString()!;

        await Expect.ProblemAsync(await Analyst.GetAsync($"/api/incidents/{id}/stix"), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task UnknownIncident_IsNotFound() =>
        await Expect.StatusAsync(HttpStatusCode.NotFound, await Analyst.GetAsync($"/api/incidents/{StixId.NewRandom("incident")}/stix"));

    [Fact]
    public async Task WholePicture_HoldsEverythingPublished_EachMarked_AndNoDraft()
    {
        var (admin, _, _) = await Node.SignInAdministratorAsync();
        await Expect.StatusAsync(HttpStatusCode.Created, await admin.PostAsJsonAsync("/api/sectors", new
        {
            code = "TFT-MJV",
            name = "Taftan–Mirjaveh",
            geometry = new { type = "LineString", coordinates = new[] { new[] { 61.0, 28.5 }, new[] { 61.5, 29.0 } } },
        }));
        await Expect.StatusAsync(HttpStatusCode.Created, await admin.PostAsJsonAsync("/api/posts", new
        {
            code = "TFT-1",
            name = "Taftan crossing",
            kind = "crossing",
            geometry = new { type = "Point", coordinates = new[] { 61.59, 28.97 } },
            sector = "TFT-MJV",
        }));
        var officer = await admin.PostAsJsonAsync("/api/officers", new
        {
            fullName = "Asad Khan",
            rank = "Major",
            sector = "TFT-MJV",
            contacts = new[] { new { kind = "phone", value = "+92 81 000 0000" }, new { kind = "email", value = "liaison@example.org" } },
        });
        await Expect.StatusAsync(HttpStatusCode.Created, officer);
        var officerId = (await officer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var groupId = await GroupAsync("Test armed group");
        var amberBody = IncidentRequests.Valid("Published amber");
        amberBody["targets"] = new JsonObject { ["groups"] = new JsonArray(groupId) };
        var amber = await IncidentRequests.CreatePublishedAsync(Analyst, amberBody);
        var redBody = IncidentRequests.Valid("Published red");
        redBody["tlp"] = "red";
        var red = await IncidentRequests.CreatePublishedAsync(Analyst, redBody);
        var draft = (await IncidentRequests.CreateAsync(Analyst, IncidentRequests.Valid("Still a draft"))).GetProperty("id").GetString()!;

        var response = await Analyst.GetAsync("/api/stix");

        await Expect.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal(StixMediaType, response.Content.Headers.ContentType?.MediaType);
        var bundle = StixBundleReader.Read(await response.Content.ReadAsStringAsync());
        var incidents = bundle.OfType<Incident>().ToDictionary(i => i.Id.ToString());
        Assert.Equal([Tlp.IdOf(TlpLevel.Amber)], incidents[amber].ObjectMarkingRefs);
        Assert.Equal([Tlp.IdOf(TlpLevel.Red)], incidents[red].ObjectMarkingRefs);
        Assert.DoesNotContain(draft, incidents.Keys);
        Assert.Contains(bundle.OfType<Relationship>(), r => r.RelationshipType == "targets" && r.SourceRef.ToString() == amber && r.TargetRef.ToString() == groupId);
        Assert.Contains(bundle.OfType<IntrusionSet>(), g => g.Id.ToString() == groupId);
        Assert.Contains(bundle.OfType<Location>(), l => l.Description?.Contains("TFT-MJV", StringComparison.Ordinal) == true && l.Name == "Taftan–Mirjaveh");
        Assert.Contains(bundle.OfType<Location>(), l => l.Name == "Taftan crossing" && l.Latitude == 28.97);
        Assert.Contains(bundle.OfType<Identity>(), i => i.IdentityClass == "individual" && i.Name == "Major Asad Khan");
        Assert.Contains(bundle.OfType<Identity>(), i => i.Name == "Test Party" && i.IdentityClass == "organization");
        Assert.Contains(bundle.OfType<ExtensionDefinition>(), e => e.Id == LiaisonExtensions.IncidentExtensionId);
        var referenced = bundle.Objects.OfType<StixCoreObject>().SelectMany(o => o.ObjectMarkingRefs ?? []).ToHashSet();
        Assert.Subset(bundle.OfType<MarkingDefinition>().Select(m => m.Id).ToHashSet(), referenced);

        var single = await Analyst.GetAsync($"/api/officers/{officerId}/stix");
        await Expect.StatusAsync(HttpStatusCode.OK, single);
        Assert.Contains(StixBundleReader.Read(await single.Content.ReadAsStringAsync()).OfType<Identity>(), i => i.Name == "Major Asad Khan");
        var sector = await Analyst.GetAsync("/api/sectors/tft-mjv/stix");
        await Expect.StatusAsync(HttpStatusCode.OK, sector);
        Assert.Equal(2, StixBundleReader.Read(await sector.Content.ReadAsStringAsync()).OfType<Location>().Count());
    }

    private async Task<string> GroupAsync(string name)
    {
        var group = await Analyst.PostAsJsonAsync("/api/groups", new { name, kind = "intrusion-set" });
        await Expect.StatusAsync(HttpStatusCode.Created, group);
        return (await group.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
