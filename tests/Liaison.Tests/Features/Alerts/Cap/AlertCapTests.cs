using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Features.Alerts;
using Liaison.Features.Alerts.Cap;
using Liaison.Protocol.Cap;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Tests.Features.Alerts.Cap;

/// <summary>Alerts and acknowledgements exported as CAP 1.2, and CAP alerts imported, through the node's API.</summary>
public sealed class AlertCapTests
{
    [Fact]
    public async Task Export_RaisedAlert_IsACapAlert_RestrictedByItsTlp_WithAnExplicitOffset()
    {
        await using var node = await TestNode.StartAsync();
        var (partner, _) = await AlertTesting.AddLinkAsync(node, "Partner Party");
        var client = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var id = (await AlertTesting.RaiseAsync(client, AlertTesting.Valid())).GetProperty("id").GetString()!;

        var response = await client.GetAsync($"/api/alerts/{id}/cap");

        await Expect.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"{id}.cap.xml", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("<sent>2026-11-28T08:00:00-00:00</sent>", text, StringComparison.Ordinal);
        var cap = CapReader.Read(text);
        Assert.Equal(id, cap.Identifier);
        Assert.Equal(CapMsgType.Alert, cap.MsgType);
        Assert.Equal(CapScope.Restricted, cap.Scope);
        Assert.StartsWith("TLP:AMBER", cap.Restriction, StringComparison.Ordinal);
        Assert.Equal(partner.StixId, cap.Addresses);
        Assert.Empty(cap.References);
        var info = Assert.Single(cap.Infos);
        Assert.Equal((CapUrgency.Immediate, CapSeverity.Extreme), (info.Urgency, info.Severity));
        Assert.Equal("Armed group moving towards the crossing", info.Headline);
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 20, 0, 0, TimeSpan.Zero), info.Expires);
        var circle = Assert.Single(Assert.Single(info.Areas).Circles);
        Assert.Equal(new CapPoint(28.97, 61.59), circle.Center);
        Assert.Equal(5, circle.RadiusKm);
    }

    [Fact]
    public async Task Export_AfterUpdateAndCancel_IsUpdateThenCancel_ReferencingEveryEarlierVersion()
    {
        await using var node = await TestNode.StartAsync();
        await AlertTesting.AddLinkAsync(node, "Partner Party");
        var client = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var id = (await AlertTesting.RaiseAsync(client, AlertTesting.Valid())).GetProperty("id").GetString()!;
        var sender = (await CapAsync(client, $"/api/alerts/{id}/cap")).Sender;

        node.Time.Advance(TimeSpan.FromMinutes(10));
        await Expect.StatusAsync(HttpStatusCode.OK, await client.PostAsJsonAsync($"/api/alerts/{id}/update", AlertTesting.Valid(precedence: "priority")));
        var update = await CapAsync(client, $"/api/alerts/{id}/cap");
        node.Time.Advance(TimeSpan.FromMinutes(10));
        await Expect.StatusAsync(HttpStatusCode.OK, await client.PostAsJsonAsync($"/api/alerts/{id}/cancel", new { reason = "False report" }));
        var cancel = await CapAsync(client, $"/api/alerts/{id}/cap");

        Assert.Equal(CapMsgType.Update, update.MsgType);
        Assert.Equal($"{id}.r2", update.Identifier);
        Assert.Equal([new CapReference(sender, id, TestNode.Start)], update.References);
        Assert.Equal((CapUrgency.Expected, CapSeverity.Moderate), (update.Infos[0].Urgency, update.Infos[0].Severity));
        Assert.Equal(CapMsgType.Cancel, cancel.MsgType);
        Assert.Equal($"{id}.r3", cancel.Identifier);
        Assert.Equal("False report", cancel.Note);
        Assert.Equal(
            [new CapReference(sender, id, TestNode.Start), new CapReference(sender, $"{id}.r2", TestNode.Start.AddMinutes(10))],
            cancel.References);
    }

    [Fact]
    public async Task Export_Acknowledgement_IsAnAckReferencingTheVersionsItAnswered()
    {
        await using var node = await TestNode.StartAsync();
        var (partner, partnerId) = await AlertTesting.AddLinkAsync(node, "Partner Party");
        var self = await AlertTesting.SelfIdentityAsync(node);
        var alert = AlertTesting.PartnerAlert(partner, self, TestNode.Start, TimeSpan.FromMinutes(15));
        await AlertTesting.ReceiveAsync(node, partnerId, alert);
        await AlertTesting.ReceiveAsync(node, partnerId, alert with { Modified = TestNode.Start.AddMinutes(1), Revision = 2 });
        var client = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        node.Time.Advance(TimeSpan.FromMinutes(3));
        await Expect.StatusAsync(HttpStatusCode.OK, await client.PostAsJsonAsync($"/api/alerts/{alert.Id}/acknowledge", new { response = "Patrols out", acknowledgedBy = "Major Asad Khan" }));

        var ack = await CapAsync(client, $"/api/alerts/{alert.Id}/acknowledgements/{self}/cap");

        Assert.Equal(CapMsgType.Ack, ack.MsgType);
        Assert.Equal(AlertStix.AcknowledgementIdOf(alert.Id.ToString(), self).ToString(), ack.Identifier);
        Assert.Equal(self, ack.Sender);
        Assert.Equal(TestNode.Start.AddMinutes(3), ack.Sent);
        Assert.Equal(
            [
                new CapReference(partner.StixId, alert.Id.ToString(), TestNode.Start),
                new CapReference(partner.StixId, $"{alert.Id}.r2", TestNode.Start.AddMinutes(1)),
            ],
            ack.References);
        Assert.Contains("Major Asad Khan", ack.Note, StringComparison.Ordinal);
        Assert.Empty(ack.Infos);
        var byAckId = await client.GetAsync($"/api/alerts/{alert.Id}/acknowledgements/{ack.Identifier}/cap");
        await Expect.StatusAsync(HttpStatusCode.OK, byAckId);
        await Expect.StatusAsync(HttpStatusCode.NotFound, await client.GetAsync($"/api/alerts/{alert.Id}/acknowledgements/{partner.StixId}/cap"));
    }

    [Fact]
    public async Task Import_ExportedAlert_RaisesANewAlert_WithTheSamePrecedenceAreaAndTimes()
    {
        await using var node = await TestNode.StartAsync();
        await AlertTesting.AddLinkAsync(node, "Partner Party");
        var client = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var body = AlertTesting.Valid(precedence: "immediate");
        body["area"] = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[61.0,28.5],[61.5,28.5],[61.5,29.0],[61.0,28.5]]]}""");
        var id = (await AlertTesting.RaiseAsync(client, body)).GetProperty("id").GetString()!;
        var exported = await client.GetStringAsync($"/api/alerts/{id}/cap");

        var response = await PostCapAsync(client, exported);

        await Expect.StatusAsync(HttpStatusCode.Created, response);
        var imported = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(id, imported.GetProperty("id").GetString());
        Assert.Equal("immediate", imported.GetProperty("precedence").GetString());
        Assert.Equal("Armed group moving towards the crossing", imported.GetProperty("title").GetString());
        Assert.Equal("amber", imported.GetProperty("tlp").GetString());
        Assert.Equal(new DateTime(2026, 11, 28, 20, 0, 0, DateTimeKind.Utc), imported.GetProperty("validUntil").GetDateTime().ToUniversalTime());
        var area = imported.GetProperty("area");
        Assert.Equal("Polygon", area.GetProperty("type").GetString());
        Assert.Equal(28.5, area.GetProperty("coordinates")[0][1][1].GetDouble());
        Assert.Equal(61.5, area.GetProperty("coordinates")[0][1][0].GetDouble());
    }

    [Fact]
    public async Task Import_ForeignAlert_MapsUrgencyAndSeverityToPrecedence()
    {
        await using var node = await TestNode.StartAsync();
        await AlertTesting.AddLinkAsync(node, "Partner Party");
        var client = await node.SignInNewUserAsync("officer", "LiaisonOfficer");

        var response = await PostCapAsync(client, Foreign());

        await Expect.StatusAsync(HttpStatusCode.Created, response);
        var imported = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("priority", imported.GetProperty("precedence").GetString());
        Assert.Equal("Flooding at the river crossing", imported.GetProperty("title").GetString());
        Assert.Equal(2500, imported.GetProperty("area").GetProperty("radius").GetDouble());
    }

    [Theory]
    [InlineData("<urgency>Expected</urgency>", "<urgency>Soon</urgency>", "alert/info[1]/urgency")]
    [InlineData("<msgType>Alert</msgType>", "<msgType>Update</msgType>", "alert/msgType")]
    [InlineData("<expires>2026-11-28T18:00:00+05:00</expires>", "", "alert/info[1]/expires")]
    [InlineData("29.1,61.5 2.5", "29.1,61.5 0", "alert/info[1]/area")]
    [InlineData("the river crossing</headline>", "the river crossing, the road bridge, the rail bridge, the old ford, the pumping station, the customs yard, the fuel depot, the market, the school, the clinic, the bus station and every village downstream</headline>", "alert/info[1]/headline")]
    public async Task Import_BadDocument_IsAProblemNamingTheElement_AndWritesNothing(string replace, string with, string element)
    {
        await using var node = await TestNode.StartAsync();
        await AlertTesting.AddLinkAsync(node, "Partner Party");
        var client = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var document = Foreign().Replace(replace, with, StringComparison.Ordinal);
        Assert.NotEqual(Foreign(), document);

        var response = await PostCapAsync(client, document);

        await Expect.StatusAsync(HttpStatusCode.BadRequest, response);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(element, out _), problem.ToString());
        Assert.Equal(0, await AlertTesting.WithDbAsync(node, db => db.Set<Alert>().CountAsync()));
    }

    [Fact]
    public async Task Import_DocumentWithAnExternalEntity_IsRefused()
    {
        await using var node = await TestNode.StartAsync();
        await AlertTesting.AddLinkAsync(node, "Partner Party");
        var client = await node.SignInNewUserAsync("officer", "LiaisonOfficer");
        var document = Foreign()
            .Replace("<alert ", "<!DOCTYPE alert [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<alert ", StringComparison.Ordinal)
            .Replace("Flooding at the river crossing</headline>", "&xxe;</headline>", StringComparison.Ordinal);

        var response = await PostCapAsync(client, document);

        await Expect.StatusAsync(HttpStatusCode.BadRequest, response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("DTD", text, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", text, StringComparison.Ordinal);
        Assert.Equal(0, await AlertTesting.WithDbAsync(node, db => db.Set<Alert>().CountAsync()));
    }

    [Fact]
    public async Task Import_ByAnAuditor_IsForbidden_AndWritesNothing()
    {
        await using var node = await TestNode.StartAsync();
        await AlertTesting.AddLinkAsync(node, "Partner Party");
        var client = await node.SignInNewUserAsync("auditor", "Auditor");

        var response = await PostCapAsync(client, Foreign());

        await Expect.StatusAsync(HttpStatusCode.Forbidden, response);
        Assert.Equal(0, await AlertTesting.WithDbAsync(node, db => db.Set<Alert>().CountAsync()));
    }

    [Fact]
    public async Task Import_Json_IsUnsupportedMediaType()
    {
        await using var node = await TestNode.StartAsync();
        var client = await node.SignInNewUserAsync("officer", "LiaisonOfficer");

        var response = await client.PostAsJsonAsync("/api/alerts/cap", AlertTesting.Valid());

        await Expect.StatusAsync(HttpStatusCode.UnsupportedMediaType, response);
    }

    [Fact]
    public async Task CliImport_RaisesTheAlert_AndABadFile_GivesOneLineNamingTheElement()
    {
        await using var node = await TestNode.StartAsync();
        await AlertTesting.AddLinkAsync(node, "Partner Party");
        var good = Path.Combine(node.Root, "flood.cap.xml");
        var bad = Path.Combine(node.Root, "bad.cap.xml");
        await File.WriteAllTextAsync(good, Foreign());
        await File.WriteAllTextAsync(bad, Foreign().Replace("<urgency>Expected</urgency>", "<urgency>Soon</urgency>", StringComparison.Ordinal));

        var refused = await CliRun.RunAsync(node.Time, "alerts", "import", bad, "--data", node.DataDirectory);
        var raised = await CliRun.RunAsync(node.Time, "alerts", "import", good, "--data", node.DataDirectory);

        Assert.Equal(1, refused.ExitCode);
        Assert.Single(refused.Error.Trim().Split('\n'));
        Assert.Contains("alert/info[1]/urgency: 'Soon' is not one of", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, raised.ExitCode);
        var alert = await AlertTesting.WithDbAsync(node, db => db.Set<Alert>().SingleAsync());
        Assert.Equal($"Raised {alert.StixId} (priority) from flood.cap.xml", raised.Output.Trim());
        Assert.Equal(Precedence.Priority, alert.Precedence);
    }

    [Theory]
    [InlineData(Precedence.Flash)]
    [InlineData(Precedence.Immediate)]
    [InlineData(Precedence.Priority)]
    [InlineData(Precedence.Routine)]
    public void Precedence_ToUrgencyAndSeverity_AndBack_IsTheSame(Precedence precedence)
    {
        var (urgency, severity) = AlertCap.UrgencyAndSeverity(precedence);

        Assert.Equal(precedence, AlertCap.PrecedenceOf(urgency, severity));
    }

    [Theory]
    [InlineData(CapUrgency.Immediate, CapSeverity.Extreme, Precedence.Flash)]
    [InlineData(CapUrgency.Immediate, CapSeverity.Minor, Precedence.Immediate)]
    [InlineData(CapUrgency.Future, CapSeverity.Severe, Precedence.Immediate)]
    [InlineData(CapUrgency.Expected, CapSeverity.Unknown, Precedence.Priority)]
    [InlineData(CapUrgency.Unknown, CapSeverity.Moderate, Precedence.Priority)]
    [InlineData(CapUrgency.Past, CapSeverity.Minor, Precedence.Routine)]
    [InlineData(CapUrgency.Unknown, CapSeverity.Unknown, Precedence.Routine)]
    public void PrecedenceOf_ForeignUrgencyAndSeverity(CapUrgency urgency, CapSeverity severity, Precedence expected)
    {
        Assert.Equal(expected, AlertCap.PrecedenceOf(urgency, severity));
    }

    private static async Task<CapAlert> CapAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        await Expect.StatusAsync(HttpStatusCode.OK, response);
        return CapReader.Read(await response.Content.ReadAsStreamAsync());
    }

    private static Task<HttpResponseMessage> PostCapAsync(HttpClient client, string document) =>
        client.PostAsync("/api/alerts/cap", new StringContent(document, Encoding.UTF8, "application/xml"));

    private static string Foreign() => """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>NDMA-2026-1128-01</identifier>
          <sender>alerts@ndma.example</sender>
          <sent>2026-11-28T12:30:00+05:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Restricted</scope>
          <restriction>TLP:AMBER</restriction>
          <info>
            <category>Met</category>
            <event>Flood</event>
            <urgency>Expected</urgency>
            <severity>Moderate</severity>
            <certainty>Likely</certainty>
            <effective>2026-11-28T12:30:00+05:00</effective>
            <expires>2026-11-28T18:00:00+05:00</expires>
            <headline>Flooding at the river crossing</headline>
            <description>The river is rising.</description>
            <area>
              <areaDesc>River crossing</areaDesc>
              <circle>29.1,61.5 2.5</circle>
            </area>
          </info>
        </alert>
        """;
}
