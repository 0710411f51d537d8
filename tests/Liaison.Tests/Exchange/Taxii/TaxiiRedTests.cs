using System.Net;
using System.Text.Json;
using Liaison.Protocol.Stix;
using Liaison.Tests.Features.Incidents;
using Liaison.Tests.Infrastructure;
using static Liaison.Tests.Exchange.Taxii.TaxiiTesting;

namespace Liaison.Tests.Exchange.Taxii;

/// <summary>TLP:RED stays on the node (TLP 2.0, DESIGN §3): not even a local TAXII client is served it.</summary>
public sealed class TaxiiRedTests
{
    private static readonly string RedMarking = Tlp.IdOf(TlpLevel.Red).ToString();

    [Fact]
    public async Task RedIncident_PublishedThroughTheDesk_NeverAppears()
    {
        await using var node = await TestNode.StartAsync();
        using var desk = await node.SignInNewUserAsync("analyst", "Analyst");
        var red = IncidentRequests.Valid("Source-sensitive report");
        red["tlp"] = "red";
        var redId = await IncidentRequests.CreatePublishedAsync(desk, red);
        var greenBody = IncidentRequests.Valid("Shared report");
        greenBody["tlp"] = "green";
        var greenId = await IncidentRequests.CreatePublishedAsync(desk, greenBody);
        using var client = await TokenClientAsync(node, "reader", "Analyst");

        var (all, _) = await PageThroughAsync(client, "match[version]=all&limit=3");
        Assert.Contains(all, o => o.Id == greenId);
        Assert.DoesNotContain(all, o => o.Id == redId);
        var (envelope, _) = await GetAsync(client, $"{Objects}?match[version]=all&limit=1000");
        Assert.All(ObjectsOf(envelope), o => Assert.False(IsRed(o), $"served a TLP:RED object: {o}"));

        var (manifest, _) = await GetAsync(client, $"{Manifest}?match[version]=all&limit=1000");
        Assert.DoesNotContain(manifest.GetProperty("objects").EnumerateArray(), r => r.GetProperty("id").GetString() == redId);
        await ErrorAsync(await client.GetAsync(new Uri(Object(redId), UriKind.Relative)), HttpStatusCode.NotFound);
        await ErrorAsync(await client.GetAsync(new Uri(Versions(redId), UriKind.Relative)), HttpStatusCode.NotFound);
        await GetAsync(client, Object(greenId));
    }

    [Fact]
    public async Task VersionReclassifiedRed_IsHidden_AndLastIsTheNewestVisibleVersion()
    {
        await using var node = await TestNode.StartAsync();
        var self = await SelfAsync(node);
        var id = StixId.NewRandom(Location.TypeName);
        var green = NewLocation(self, node, TlpLevel.Green, id, TestNode.Start.AddHours(1));
        var red = NewLocation(self, node, TlpLevel.Red, id, TestNode.Start.AddHours(2));
        await AppendAsync(node, [green]);
        await AppendAsync(node, [red]);
        using var client = await TokenClientAsync(node, "analyst", "Analyst");

        var (latest, _) = await GetAsync(client, Object(id.ToString()));
        var served = Assert.Single(ObjectsOf(latest));
        Assert.Equal(StixTimestamp.Format(green.Modified), served.GetProperty("modified").GetString());
        var (versions, _) = await GetAsync(client, Versions(id.ToString()));
        Assert.Equal([StixTimestamp.Format(green.Modified)], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        var (everything, _) = await GetAsync(client, $"{Objects}?match[id]={id}&match[version]=all");
        Assert.Single(ObjectsOf(everything));
    }

    private static bool IsRed(JsonElement stix) =>
        stix.TryGetProperty("object_marking_refs", out var refs) && refs.EnumerateArray().Any(r => r.GetString() == RedMarking);
}
