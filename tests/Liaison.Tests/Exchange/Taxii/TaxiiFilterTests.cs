using System.Net;
using Liaison.Protocol.Stix;
using Liaison.Tests.Infrastructure;
using static Liaison.Tests.Exchange.Taxii.TaxiiTesting;

namespace Liaison.Tests.Exchange.Taxii;

/// <summary>The match filters (TAXII 2.1 §3.4.1) on objects, one object, and manifests.</summary>
public sealed class TaxiiFilterTests
{
    private sealed record Seeded(TestNode Node, HttpClient Client, StixId Versioned, IReadOnlyList<string> Modified, Identity Identity, Location Other) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Node.DisposeAsync();
        }
    }

    /// <summary>A location with three versions, an identity and another location, each added in turn.</summary>
    private static async Task<Seeded> SeedAsync()
    {
        var node = await TestNode.StartAsync();
        var self = await SelfAsync(node);
        var id = StixId.NewRandom(Location.TypeName);
        var versions = Enumerable.Range(1, 3).Select(i => NewLocation(self, node, id: id, modified: TestNode.Start.AddHours(i))).ToList();
        var identity = new Identity
        {
            Id = StixId.NewRandom(Identity.TypeName),
            Created = TestNode.Start,
            Modified = TestNode.Start,
            Name = "Border post 7",
            CreatedByRef = StixId.Parse(self.StixId),
        };
        var other = NewLocation(self, node);
        await AppendAsync(node, [versions[0]]);
        await AppendAsync(node, [identity]);
        await AppendAsync(node, [versions[1], other]);
        await AppendAsync(node, [versions[2]]);
        return new Seeded(node, await TokenClientAsync(node, "analyst", "Analyst"), id, [.. versions.Select(v => StixTimestamp.Format(v.Modified))], identity, other);
    }

    private static async Task<List<(string Id, string Version)>> ServedAsync(Seeded seeded, string path)
    {
        var (envelope, _) = await GetAsync(seeded.Client, path);
        return [.. ObjectsOf(envelope).Select(o => (o.GetProperty("id").GetString()!, o.GetProperty("modified").GetString()!))];
    }

    [Fact]
    public async Task MatchVersion_DefaultsToLast_AndTakesFirstAllAndTimestamps()
    {
        await using var seeded = await SeedAsync();
        var id = seeded.Versioned.ToString();
        var m = seeded.Modified;

        Assert.Equal([(id, m[2])], await ServedAsync(seeded, $"{Objects}?match[id]={id}"));
        Assert.Equal([(id, m[2])], await ServedAsync(seeded, $"{Objects}?match[id]={id}&match[version]=last"));
        Assert.Equal([(id, m[0])], await ServedAsync(seeded, $"{Objects}?match[id]={id}&match[version]=first"));
        Assert.Equal([(id, m[0]), (id, m[1]), (id, m[2])], await ServedAsync(seeded, $"{Objects}?match[id]={id}&match[version]=all"));
        Assert.Equal([(id, m[0]), (id, m[2])], await ServedAsync(seeded, $"{Objects}?match[id]={id}&match[version]=first,last"));
        Assert.Equal([(id, m[1])], await ServedAsync(seeded, $"{Objects}?match[id]={id}&match[version]={m[1]}"));
        Assert.Equal([(id, m[0]), (id, m[1])], await ServedAsync(seeded, $"{Objects}?match[id]={id}&match[version]=first,{m[1]}"));

        // Get an Object (§5.6) takes the same version filter, its id from the path.
        Assert.Equal([(id, m[2])], await ServedAsync(seeded, Object(id)));
        Assert.Equal([(id, m[0]), (id, m[1]), (id, m[2])], await ServedAsync(seeded, $"{Object(id)}?match[version]=all"));
        Assert.Equal([(id, m[1])], await ServedAsync(seeded, $"{Object(id)}?match[version]=all&limit=1&added_after={await DateAddedOfAsync(seeded, id, m[0])}"));
    }

    [Fact]
    public async Task MatchIdTypeAndSpecVersion_AreAndedWithValuesOred()
    {
        await using var seeded = await SeedAsync();
        var id = seeded.Versioned.ToString();
        var identity = seeded.Identity.Id.ToString();
        var other = seeded.Other.Id.ToString();

        // Served oldest date_added first: the identity, the other location, then the third version of the first.
        Assert.Equal([other, id], (await ServedAsync(seeded, $"{Objects}?match[id]={id},{other}")).Select(o => o.Id));
        Assert.Equal([identity], (await ServedAsync(seeded, $"{Objects}?match[id]={id},{identity}&match[type]=identity")).Select(o => o.Id));
        Assert.Equal([identity, other, id], (await ServedAsync(seeded, $"{Objects}?match[id]={id},{other},{identity}&match[type]=location,identity")).Select(o => o.Id));
        Assert.Equal(3, (await ServedAsync(seeded, $"{Objects}?match[id]={id},{other},{identity}&match[spec_version]=2.1")).Count);
        Assert.Empty(await ServedAsync(seeded, $"{Objects}?match[id]={id},{other},{identity}&match[spec_version]=2.0"));

        var (manifest, _) = await GetAsync(seeded.Client, $"{Manifest}?match[type]=identity&match[id]={identity}");
        var record = Assert.Single(manifest.GetProperty("objects").EnumerateArray());
        Assert.Equal(identity, record.GetProperty("id").GetString());
        Assert.Equal(StixTimestamp.Format(seeded.Identity.Modified), record.GetProperty("version").GetString());
    }

    [Fact]
    public async Task MalformedParameters_Are400_NamingEachOne()
    {
        await using var seeded = await SeedAsync();

        var response = await seeded.Client.GetAsync(new Uri($"{Objects}?limit=0&added_after=yesterday&match[version]=newest&match[type]=Not A Type&match[colour]=red", UriKind.Relative));
        var error = await ErrorAsync(response, HttpStatusCode.BadRequest);
        var details = error.GetProperty("details");
        foreach (var parameter in new[] { "limit", "added_after", "match[version]", "match[type]", "match[colour]" })
        {
            Assert.True(details.TryGetProperty(parameter, out _), $"details should name {parameter}: {error}");
        }

        // Get Object Versions takes no match[version] (§5.8).
        var versions = await ErrorAsync(await seeded.Client.GetAsync(new Uri($"{Versions(seeded.Versioned.ToString())}?match[version]=all", UriKind.Relative)), HttpStatusCode.BadRequest);
        Assert.True(versions.GetProperty("details").TryGetProperty("match[version]", out _));
    }

    private static async Task<string> DateAddedOfAsync(Seeded seeded, string id, string version)
    {
        var (manifest, _) = await GetAsync(seeded.Client, $"{Manifest}?match[id]={id}&match[version]={version}");
        return manifest.GetProperty("objects")[0].GetProperty("date_added").GetString()!;
    }
}
