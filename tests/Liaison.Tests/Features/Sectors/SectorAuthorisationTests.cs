using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Sectors;

public sealed class SectorAuthorisationTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task NonAdministrators_ReadSectorsAndPosts_ButCannotChangeThem()
    {
        var (admin, _, _) = await _node.SignInAdministratorAsync();
        await Expect.StatusAsync(HttpStatusCode.Created, await admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));

        foreach (var role in new[] { "Analyst", "LiaisonOfficer" })
        {
            using var user = await _node.SignInNewUserAsync($"user-{role.ToLowerInvariant()}", role);
            await Expect.StatusAsync(HttpStatusCode.OK, await user.GetAsync("/api/sectors/TFT-MJV"));
            await Expect.StatusAsync(HttpStatusCode.OK, await user.GetAsync("/api/sectors.geojson"));
            await Expect.StatusAsync(HttpStatusCode.Forbidden, await user.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("NEW")));
            await Expect.StatusAsync(HttpStatusCode.Forbidden, await user.PutAsJsonAsync("/api/sectors/TFT-MJV", SectorSamples.Sector("TFT-MJV")));
            await Expect.StatusAsync(HttpStatusCode.Forbidden, await user.DeleteAsync("/api/sectors/TFT-MJV"));
            await Expect.StatusAsync(HttpStatusCode.Forbidden, await user.PostAsJsonAsync("/api/sectors/import", new { type = "FeatureCollection", features = Array.Empty<object>() }));
            await Expect.StatusAsync(HttpStatusCode.Forbidden, await user.PostAsJsonAsync("/api/posts", SectorSamples.Post("P1", 61, 28)));
        }

        Assert.Equal(["TFT-MJV"], (await admin.GetFromJsonAsync<JsonElement>("/api/sectors")).EnumerateArray().Select(s => s.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Anonymous_GetsUnauthorized()
    {
        using var client = _node.Client();
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, await client.GetAsync("/api/sectors"));
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, await client.GetAsync("/api/duty?sector=X"));
    }
}
