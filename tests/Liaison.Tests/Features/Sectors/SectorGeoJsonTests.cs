using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Sectors;

public sealed class SectorGeoJsonTests : IAsyncLifetime
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

    private static StringContent GeoJson(JsonNode node) => new(node.ToJsonString(), Encoding.UTF8, "application/geo+json");

    private async Task<JsonNode> ExportAsync(string uri)
    {
        var response = await _admin.GetAsync(uri);
        await Expect.StatusAsync(HttpStatusCode.OK, response);
        Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static JsonObject SectorFeature(string code, JsonNode geometry) => new()
    {
        ["type"] = "Feature",
        ["geometry"] = geometry,
        ["properties"] = new JsonObject { ["code"] = code, ["name"] = $"Sector {code}" },
    };

    private static JsonNode Square(double w, double s, double e, double n) => JsonSerializer.SerializeToNode(SectorSamples.Square(w, s, e, n))!;

    [Fact]
    public async Task Export_ThenImportIntoAnotherNode_ReproducesSectorsAndPosts()
    {
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));
        var line = new { type = "LineString", coordinates = new[] { new[] { 62.0, 27.0, 1200.0 }, new[] { 62.5, 27.5, 900.0 } } };
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("PSN-GWD", line, "Pishin–Gwadar")));
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/posts", SectorSamples.Post("TAFTAN", 61.2, 28.6, "TFT-MJV")));
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/posts", SectorSamples.Post("QUETTA-LO", 66.99, 30.18, kind: "liaison-office")));

        var sectors = await ExportAsync("/api/sectors.geojson");
        var posts = await ExportAsync("/api/posts.geojson");
        Assert.Equal("FeatureCollection", sectors["type"]!.GetValue<string>());
        var first = sectors["features"]![0]!;
        Assert.Equal("Feature", first["type"]!.GetValue<string>());
        Assert.Equal("PSN-GWD", first["id"]!.GetValue<string>());
        Assert.Equal("Pishin–Gwadar", first["properties"]!["name"]!.GetValue<string>());
        Assert.Equal(1200.0, first["geometry"]!["coordinates"]![0]![2]!.GetValue<double>());

        await using var other = await TestNode.StartAsync();
        var (admin, _, _) = await other.SignInAdministratorAsync();
        var importedSectors = await admin.PostAsync("/api/sectors/import", GeoJson(sectors));
        await Expect.StatusAsync(HttpStatusCode.OK, importedSectors);
        Assert.Equal(2, (await importedSectors.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("created").GetInt32());
        await Expect.StatusAsync(HttpStatusCode.OK, await admin.PostAsync("/api/posts/import", GeoJson(posts)));

        static string Comparable(JsonNode collection)
        {
            foreach (var feature in collection["features"]!.AsArray())
            {
                feature!["properties"]!.AsObject().Remove("createdAt");
                feature["properties"]!.AsObject().Remove("updatedAt");
            }

            return collection.ToJsonString();
        }

        var response = await admin.GetAsync("/api/sectors.geojson");
        Assert.Equal(Comparable(sectors), Comparable(JsonNode.Parse(await response.Content.ReadAsStringAsync())!));
        response = await admin.GetAsync("/api/posts.geojson");
        Assert.Equal(Comparable(posts), Comparable(JsonNode.Parse(await response.Content.ReadAsStringAsync())!));
    }

    [Fact]
    public async Task Import_UpsertsByCode()
    {
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));
        var collection = new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(SectorFeature("TFT-MJV", Square(60, 28, 61, 29)), SectorFeature("NEW", Square(62, 28, 63, 29))),
        };
        var response = await _admin.PostAsync("/api/sectors/import", GeoJson(collection));
        await Expect.StatusAsync(HttpStatusCode.OK, response);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((1, 1), (result.GetProperty("created").GetInt32(), result.GetProperty("updated").GetInt32()));
        var updated = await _admin.GetFromJsonAsync<JsonElement>("/api/sectors/TFT-MJV");
        Assert.Equal("Sector TFT-MJV", updated.GetProperty("name").GetString());
        Assert.Equal(60.0, updated.GetProperty("bbox")[0].GetDouble());
    }

    [Fact]
    public async Task Import_OneBadFeature_NamesIt_AndWritesNothing()
    {
        await Expect.StatusAsync(HttpStatusCode.Created, await _admin.PostAsJsonAsync("/api/sectors", SectorSamples.Sector("TFT-MJV")));
        var unclosed = JsonNode.Parse("""{"type":"Polygon","coordinates":[[[61,28],[62,28],[62,29],[61,29]]]}""")!;
        var badLatitude = JsonNode.Parse("""{"type":"LineString","coordinates":[[61,28],[62,95]]}""")!;
        var collection = new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(
                SectorFeature("TFT-MJV", Square(50, 20, 51, 21)),
                SectorFeature("GOOD", Square(62, 28, 63, 29)),
                SectorFeature("OPEN", unclosed),
                SectorFeature("NORTH", badLatitude),
                SectorFeature("GOOD", Square(62, 28, 63, 29)),
                new JsonObject { ["type"] = "Feature", ["geometry"] = Square(62, 28, 63, 29), ["properties"] = new JsonObject { ["code"] = 7, ["name"] = "x" } },
                new JsonObject { ["type"] = "Thing" }),
        };
        var problem = await Expect.ProblemAsync(await _admin.PostAsync("/api/sectors/import", GeoJson(collection)), HttpStatusCode.BadRequest);
        Assert.Equal(
            ["features[2].geometry.coordinates[0]", "features[3].geometry.coordinates[1]", "features[4].properties.code", "features[5].properties.code", "features[6].type"],
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));

        var sectors = await _admin.GetFromJsonAsync<JsonElement>("/api/sectors");
        Assert.Equal(["TFT-MJV"], sectors.EnumerateArray().Select(s => s.GetProperty("code").GetString()));
        Assert.Equal(61.0, sectors[0].GetProperty("bbox")[0].GetDouble());
    }

    [Fact]
    public async Task Import_NotAFeatureCollection_IsRefused()
    {
        var problem = await Expect.ProblemAsync(await _admin.PostAsync("/api/sectors/import", GeoJson(new JsonObject { ["type"] = "Feature" })), HttpStatusCode.BadRequest);
        Assert.Equal(["type"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task ImportPosts_UnknownSector_NamesTheFeature_AndWritesNothing()
    {
        var collection = JsonNode.Parse("""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","geometry":{"type":"Point","coordinates":[61.2,28.6]},"properties":{"code":"TAFTAN","name":"Taftan","kind":"crossing"}},
              {"type":"Feature","geometry":{"type":"Point","coordinates":[61.3,28.7]},"properties":{"code":"P2","name":"P2","kind":"crossing","sector":"NOPE"}}]}
            """)!;
        var problem = await Expect.ProblemAsync(await _admin.PostAsync("/api/posts/import", GeoJson(collection)), HttpStatusCode.BadRequest);
        Assert.Equal(["features[1].properties.sector"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Empty((await _admin.GetFromJsonAsync<JsonElement>("/api/posts")).EnumerateArray());
    }
}
