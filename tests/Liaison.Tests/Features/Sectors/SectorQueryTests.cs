using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Sectors;

public sealed class SectorQueryTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        (_admin, _, _) = await _node.SignInAdministratorAsync();
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _node.DisposeAsync();
    }

    private async Task<List<string>> CodesAsync(string uri) =>
        [.. (await _admin.GetFromJsonAsync<JsonElement>(uri)).EnumerateArray().Select(s => s.GetProperty("code").GetString()!)];

    [Fact]
    public async Task Bbox_ReturnsExactlyTheSectorsWhoseBoxesOverlap()
    {
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("WEST", SectorSamples.Square(60.0, 27.0, 61.0, 28.0))));
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("EAST", SectorSamples.Square(62.0, 27.0, 63.0, 28.0))));
        var line = new { type = "LineString", coordinates = new[] { new[] { 61.4, 29.0 }, new[] { 61.6, 30.0 } } };
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("NORTH", line)));

        Assert.Equal(["EAST", "NORTH", "WEST"], await CodesAsync("/api/sectors"));
        Assert.Equal(["WEST"], await CodesAsync("/api/sectors?bbox=60.5,27.5,61.2,27.8"));
        Assert.Equal(["EAST", "WEST"], await CodesAsync("/api/sectors?bbox=60.9,27.9,62.1,28.1"));
        Assert.Equal(["NORTH"], await CodesAsync("/api/sectors?bbox=61.0,29.5,62.0,31.0"));
        // Edges that only touch still overlap.
        Assert.Equal(["EAST", "WEST"], await CodesAsync("/api/sectors?bbox=61.0,26.0,62.0,27.0"));
        Assert.Empty(await CodesAsync("/api/sectors?bbox=61.1,27.0,61.3,28.5"));
    }

    [Theory]
    [InlineData("1,2,3")]
    [InlineData("a,b,c,d")]
    [InlineData("62,27,61,28")]
    [InlineData("61,-91,62,28")]
    public async Task Bbox_Malformed_IsNamed(string bbox)
    {
        var problem = await Expect.ProblemAsync(await _admin.GetAsync($"/api/sectors?bbox={bbox}"), HttpStatusCode.BadRequest);
        Assert.Equal(["bbox"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Posts_Bbox_ReturnsExactlyThePointsInTheBox_AndSectorFilterWorks()
    {
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/posts", SectorSamples.Post("TAFTAN", 61.2, 28.6, "tft-mjv")));
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/posts", SectorSamples.Post("EDGE", 61.5, 29.0, kind: "border-post")));
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/posts", SectorSamples.Post("FAR", 66.0, 25.0, kind: "liaison-office")));

        Assert.Equal(["EDGE", "TAFTAN"], await CodesAsync("/api/posts?bbox=61,28.5,61.5,29"));
        Assert.Equal(["FAR"], await CodesAsync("/api/posts?bbox=65,24,67,26"));
        Assert.Equal(["TAFTAN"], await CodesAsync("/api/posts?sector=TFT-MJV"));

        var post = await _admin.GetFromJsonAsync<JsonElement>("/api/posts/taftan");
        Assert.Equal("TFT-MJV", post.GetProperty("sector").GetString());
        Assert.Equal("crossing", post.GetProperty("kind").GetString());
        Assert.Equal([61.2, 28.6], post.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(n => n.GetDouble()));
    }

    [Fact]
    public async Task Post_UnknownSectorOrKindOrLatitude_IsNamed_AndNothingIsWritten()
    {
        var body = new { code = "P1", name = "Post", kind = "fort", geometry = new { type = "Point", coordinates = new[] { 61.0, 95.0 } }, sector = "NOPE" };
        var problem = await Expect.ProblemAsync(await _admin.PostAsJsonAsync("/api/posts", body), HttpStatusCode.BadRequest);
        Assert.Equal(["geometry.coordinates", "kind", "sector"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await CodesAsync("/api/posts"));
    }

    [Fact]
    public async Task Delete_SectorWithPosts_IsAConflict_UntilThePostIsGone()
    {
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/posts", SectorSamples.Post("TAFTAN", 61.2, 28.6, "TFT-MJV")));

        var conflict = await Expect.ProblemAsync(await _admin.DeleteAsync("/api/sectors/TFT-MJV"), HttpStatusCode.Conflict);
        Assert.Equal(1, conflict.GetProperty("posts").GetInt32());
        Assert.Equal(["TFT-MJV"], await CodesAsync("/api/sectors"));

        await Expect.StatusAsync(HttpStatusCode.NoContent, await _admin.DeleteAsync("/api/posts/TAFTAN"));
        await Expect.StatusAsync(HttpStatusCode.NoContent, await _admin.DeleteAsync("/api/sectors/TFT-MJV"));
        await Expect.StatusAsync(HttpStatusCode.NotFound, await _admin.GetAsync("/api/sectors/TFT-MJV"));
        await Expect.StatusAsync(HttpStatusCode.NotFound, await _admin.DeleteAsync("/api/sectors/TFT-MJV"));
    }

    [Fact]
    public async Task Delete_SectorWithAnOfficerOrShift_IsAConflict()
    {
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("OTHER")));
        var officer = await _admin.PostAsJsonAsync("/api/officers", new { fullName = "Maj. A. Karimi", sector = "TFT-MJV" });
        await Expect.StatusAsync(HttpStatusCode.Created, officer);
        var id = (await officer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/shifts",
            new { officerId = id, sector = "OTHER", role = "duty-officer", start = "2026-11-28T08:00:00Z", end = "2026-11-28T20:00:00Z" }));

        var officers = await Expect.ProblemAsync(await _admin.DeleteAsync("/api/sectors/TFT-MJV"), HttpStatusCode.Conflict);
        Assert.Equal(1, officers.GetProperty("officers").GetInt32());
        var shifts = await Expect.ProblemAsync(await _admin.DeleteAsync("/api/sectors/OTHER"), HttpStatusCode.Conflict);
        Assert.Equal(1, shifts.GetProperty("shifts").GetInt32());
    }
}
