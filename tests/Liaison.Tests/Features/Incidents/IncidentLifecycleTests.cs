using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Incidents;

public sealed class IncidentLifecycleTests : AnalystNodeTests
{
    [Fact]
    public async Task DraftPublishReviseRetract_KeepsEveryVersion_AndNeverEditsAPublishedOneInPlace()
    {
        var draft = await IncidentRequests.CreateAsync(Analyst, IncidentRequests.Valid("First draft"));
        var id = draft.GetProperty("id").GetString()!;
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(0, draft.GetProperty("version").GetInt32());

        // A draft changes in place: still no version.
        var edited = await Analyst.PutAsJsonAsync($"/api/incidents/{id}", IncidentRequests.Valid("Edited draft"));
        await Expect.StatusAsync(HttpStatusCode.OK, edited);
        Assert.Equal(0, (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        Node.Time.Advance(TimeSpan.FromMinutes(5));
        await Expect.StatusAsync(HttpStatusCode.OK, await Analyst.PostAsync($"/api/incidents/{id}/publish", null));
        var twice = await Expect.ProblemAsync(await Analyst.PostAsync($"/api/incidents/{id}/publish", null), HttpStatusCode.BadRequest);
        Assert.True(twice.GetProperty("errors").TryGetProperty("status", out _));

        Node.Time.Advance(TimeSpan.FromMinutes(5));
        var revisedBody = IncidentRequests.Valid("Revised: 11 killed, 7 injured");
        await Expect.StatusAsync(HttpStatusCode.OK, await Analyst.PutAsJsonAsync($"/api/incidents/{id}", revisedBody));

        Node.Time.Advance(TimeSpan.FromMinutes(5));
        var retracted = await Analyst.PostAsJsonAsync($"/api/incidents/{id}/retract", new { reason = "Duplicate of an earlier report" });
        await Expect.StatusAsync(HttpStatusCode.OK, retracted);

        var detail = await Analyst.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}");
        Assert.Equal("retracted", detail.GetProperty("status").GetString());
        Assert.Equal(3, detail.GetProperty("version").GetInt32());
        Assert.Equal("Duplicate of an earlier report", detail.GetProperty("retractionReason").GetString());
        var versions = detail.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3], versions.Select(v => v.GetProperty("number").GetInt32()));
        Assert.Equal(["published", "published", "retracted"], versions.Select(v => v.GetProperty("status").GetString()));
        var times = versions.Select(v => v.GetProperty("modifiedAt").GetDateTime()).ToList();
        Assert.True(times[0] < times[1] && times[1] < times[2], "modified must increase with every version");

        var first = await Analyst.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/versions/1");
        Assert.Equal("Edited draft", first.GetProperty("content").GetProperty("title").GetString());
        var second = await Analyst.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}/versions/2");
        Assert.Equal("Revised: 11 killed, 7 injured", second.GetProperty("content").GetProperty("title").GetString());
        await Expect.StatusAsync(HttpStatusCode.NotFound, await Analyst.GetAsync($"/api/incidents/{id}/versions/4"));

        // A retracted record is final.
        var revise = await Expect.ProblemAsync(await Analyst.PutAsJsonAsync($"/api/incidents/{id}", IncidentRequests.Valid("Too late")), HttpStatusCode.BadRequest);
        Assert.True(revise.GetProperty("errors").TryGetProperty("status", out _));
        Assert.Equal(3, (await Analyst.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Retract_NeedsAReason_AndAPublishedRecord()
    {
        var id = (await IncidentRequests.CreateAsync(Analyst, IncidentRequests.Valid())).GetProperty("id").GetString()!;
        var draft = await Expect.ProblemAsync(await Analyst.PostAsJsonAsync($"/api/incidents/{id}/retract", new { reason = "" }), HttpStatusCode.BadRequest);
        var errors = draft.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToList();
        Assert.Equal(["reason", "status"], errors);
    }

    [Fact]
    public async Task Roles_DecideWhoDraftsPublishesAndRetracts()
    {
        var officer = await Node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var auditor = await Node.SignInNewUserAsync("auditor", "Auditor");

        await Expect.StatusAsync(HttpStatusCode.Forbidden, await auditor.PostAsJsonAsync("/api/incidents", IncidentRequests.Valid()));
        var id = (await IncidentRequests.CreateAsync(officer, IncidentRequests.Valid())).GetProperty("id").GetString()!;
        await Expect.ProblemAsync(await officer.PostAsync($"/api/incidents/{id}/publish", null), HttpStatusCode.Forbidden);
        await Expect.StatusAsync(HttpStatusCode.OK, await Analyst.PostAsync($"/api/incidents/{id}/publish", null));
        await Expect.ProblemAsync(await officer.PutAsJsonAsync($"/api/incidents/{id}", IncidentRequests.Valid("officer revision")), HttpStatusCode.Forbidden);
        await Expect.ProblemAsync(await officer.PostAsJsonAsync($"/api/incidents/{id}/retract", new { reason = "no" }), HttpStatusCode.Forbidden);
        Assert.Equal(1, (await auditor.GetFromJsonAsync<JsonElement>($"/api/incidents/{id}")).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task PartnerRecords_AreReadOnlyHere()
    {
        var partnerIncident = await PartnerData.AddPartnerIncidentAsync(Node);
        var detail = await Analyst.GetFromJsonAsync<JsonElement>($"/api/incidents/{partnerIncident}");
        Assert.True(detail.GetProperty("readOnly").GetBoolean());

        var problem = await Expect.ProblemAsync(await Analyst.PutAsJsonAsync($"/api/incidents/{partnerIncident}", IncidentRequests.Valid("Overwrite")), HttpStatusCode.Forbidden);
        Assert.Contains("originating party", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await Expect.ProblemAsync(await Analyst.PostAsJsonAsync($"/api/incidents/{partnerIncident}/retract", new { reason = "not ours" }), HttpStatusCode.Forbidden);
        Assert.Equal("Partner's report", (await Analyst.GetFromJsonAsync<JsonElement>($"/api/incidents/{partnerIncident}")).GetProperty("content").GetProperty("title").GetString());
    }
}
