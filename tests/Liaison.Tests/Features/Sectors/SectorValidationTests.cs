using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Sectors;

public sealed class SectorValidationTests : IAsyncLifetime
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

    private async Task<List<string>> RejectedFieldsAsync(object body)
    {
        var problem = await Expect.ProblemAsync(await _admin.PostAsJsonAsync("/api/sectors", body), HttpStatusCode.BadRequest);
        Assert.Empty((await _admin.GetFromJsonAsync<JsonElement>("/api/sectors")).EnumerateArray());
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Create_ValidPolygon_IsStoredWithItsBoundingBox()
    {
        var created = await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("tft-mjv"));
        await Expect.StatusAsync(HttpStatusCode.Created, created);
        Assert.Equal("/api/sectors/TFT-MJV", created.Headers.Location?.OriginalString);

        var sector = await _admin.GetFromJsonAsync<JsonElement>("/api/sectors/TFT-MJV");
        Assert.Equal("TFT-MJV", sector.GetProperty("code").GetString());
        Assert.Equal("Polygon", sector.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal([61.0, 28.5, 61.5, 29.0], sector.GetProperty("bbox").EnumerateArray().Select(n => n.GetDouble()));
        Assert.Equal("Mirjaveh Border Regiment", sector.GetProperty("responsiblePartner").GetString());
        Assert.EndsWith("Z", sector.GetProperty("createdAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_LatitudeOutOfRange_NamesThePosition()
    {
        var line = new { type = "LineString", coordinates = new[] { new[] { 61.0, 28.0 }, new[] { 61.2, 28.4 }, new[] { 61.3, 95.0 } } };
        Assert.Equal(["geometry.coordinates[2]"], await RejectedFieldsAsync(SectorSamples.Sector("A", line)));
    }

    [Fact]
    public async Task Create_LongitudeOutOfRange_NamesTheRingPosition()
    {
        var polygon = new { type = "Polygon", coordinates = new[] { new[] { new[] { 61.0, 28.0 }, new[] { 181.0, 28.0 }, new[] { 61.5, 29.0 }, new[] { 61.0, 28.0 } } } };
        Assert.Equal(["geometry.coordinates[0][1]"], await RejectedFieldsAsync(SectorSamples.Sector("A", polygon)));
    }

    [Fact]
    public async Task Create_UnclosedPolygon_NamesTheRing()
    {
        var polygon = new { type = "Polygon", coordinates = new[] { new[] { new[] { 61.0, 28.0 }, new[] { 61.5, 28.0 }, new[] { 61.5, 29.0 }, new[] { 61.0, 29.0 } } } };
        Assert.Equal(["geometry.coordinates[0]"], await RejectedFieldsAsync(SectorSamples.Sector("A", polygon)));
    }

    [Fact]
    public async Task Create_RingWithTooFewPositions_NamesTheRing()
    {
        var polygon = new { type = "Polygon", coordinates = new[] { new[] { new[] { 61.0, 28.0 }, new[] { 61.5, 28.0 }, new[] { 61.0, 28.0 } } } };
        Assert.Equal(["geometry.coordinates[0]"], await RejectedFieldsAsync(SectorSamples.Sector("A", polygon)));
    }

    [Fact]
    public async Task Create_LineStringWithOnePosition_NamesTheCoordinates()
    {
        var line = new { type = "LineString", coordinates = new[] { new[] { 61.0, 28.0 } } };
        Assert.Equal(["geometry.coordinates"], await RejectedFieldsAsync(SectorSamples.Sector("A", line)));
    }

    [Fact]
    public async Task Create_PositionThatIsNotANumberPair_IsNamed()
    {
        var line = new { type = "LineString", coordinates = new object[] { new[] { 61.0, 28.0 }, new object[] { "61.2", 28.4 }, new[] { 61.3 } } };
        Assert.Equal(["geometry.coordinates[1]", "geometry.coordinates[2]"], await RejectedFieldsAsync(SectorSamples.Sector("A", line)));
    }

    [Fact]
    public async Task Create_PointIsNotASectorGeometry()
    {
        var point = new { type = "Point", coordinates = new[] { 61.0, 28.0 } };
        Assert.Equal(["geometry.type"], await RejectedFieldsAsync(SectorSamples.Sector("A", point)));
    }

    [Fact]
    public async Task Create_EveryBadFieldIsNamedAtOnce()
    {
        var body = new { code = "not a code!", name = "", geometry = (object?)null, notes = new string('x', 4001) };
        Assert.Equal(["code", "geometry", "name", "notes"], await RejectedFieldsAsync(body));
    }

    [Fact]
    public async Task Create_DuplicateCode_IsRefused()
    {
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));
        var problem = await Expect.ProblemAsync(await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("tft-mjv", name: "Other")), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("code", out _));
        Assert.Single((await _admin.GetFromJsonAsync<JsonElement>("/api/sectors")).EnumerateArray());
    }

    [Fact]
    public async Task Update_RevisesTheSector_ButNotItsCode()
    {
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));
        _node.Time.Advance(TimeSpan.FromHours(1));
        var updated = await _admin.PutAsJsonAsync("/api/sectors/TFT-MJV", SectorSamples.Sector("TFT-MJV", SectorSamples.Square(61.0, 28.0, 62.0, 29.0), "Renamed"));
        await Expect.StatusAsync(HttpStatusCode.OK, updated);
        var sector = await updated.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Renamed", sector.GetProperty("name").GetString());
        Assert.Equal(62.0, sector.GetProperty("bbox")[2].GetDouble());
        Assert.Equal("2026-11-28T09:00:00Z", sector.GetProperty("updatedAt").GetString());

        var renamed = await Expect.ProblemAsync(await _admin.PutAsJsonAsync("/api/sectors/TFT-MJV", SectorSamples.Sector("OTHER")), HttpStatusCode.BadRequest);
        Assert.True(renamed.GetProperty("errors").TryGetProperty("code", out _));
        await Expect.StatusAsync(HttpStatusCode.NotFound, await _admin.PutAsJsonAsync("/api/sectors/NOPE", SectorSamples.Sector("NOPE")));
    }
}
