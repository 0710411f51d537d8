using System.Net;
using System.Text.Json;
using Liaison.Tests.Features.Incidents;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Picture;

/// <summary>The map's query returns the same incidents the incident API would, as GeoJSON layers.</summary>
public sealed class PictureQueryTests : AnalystNodeTests
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await IncidentRequests.CreatePublishedAsync(Analyst, IncidentRequests.Valid("inside early", 27.0, 62.0, "2026-11-01T10:00:00Z"));
        await IncidentRequests.CreatePublishedAsync(Analyst, IncidentRequests.Valid("inside late", 27.5, 62.5, "2026-11-20T10:00:00Z"));
        await IncidentRequests.CreatePublishedAsync(Analyst, IncidentRequests.Valid("west of the box", 27.0, 60.5, "2026-11-10T10:00:00Z"));
        var smuggling = IncidentRequests.Valid("fuel smugglers stopped", 27.2, 62.2, "2026-11-15T10:00:00Z");
        smuggling["category"] = "smuggling-interdiction";
        await IncidentRequests.CreatePublishedAsync(Analyst, smuggling);
    }

    [Fact]
    public async Task Picture_ReturnsFourFeatureCollections()
    {
        using var picture = await PictureAsync("");
        foreach (var layer in new[] { "sectors", "posts", "incidents", "alerts" })
        {
            Assert.Equal("FeatureCollection", picture.RootElement.GetProperty(layer).GetProperty("type").GetString());
        }

        Assert.Equal(4, Titles(picture).Count);
    }

    [Fact]
    public async Task BboxTimeWindowAndCategory_FilterIncidents()
    {
        using (var boxed = await PictureAsync("bbox=61,26.5,63,28"))
        {
            Assert.Equal(["fuel smugglers stopped", "inside early", "inside late"], Titles(boxed).Order(StringComparer.Ordinal));
        }

        using (var window = await PictureAsync("from=2026-11-05T00:00:00Z&to=2026-11-12T00:00:00Z"))
        {
            Assert.Equal(["west of the box"], Titles(window));
        }

        using var category = await PictureAsync("category=smuggling-interdiction");
        Assert.Equal(["fuel smugglers stopped"], Titles(category));
    }

    [Fact]
    public async Task PartnerIncidents_AreIncluded_ReadOnlyWithTheirParty()
    {
        await PartnerData.AddPartnerIncidentAsync(Node);
        var partner = await PartnerData.AddPartnerAsync(Node);
        using var picture = await PictureAsync($"party={partner.StixId}");
        var feature = Assert.Single(picture.RootElement.GetProperty("incidents").GetProperty("features").EnumerateArray());
        var properties = feature.GetProperty("properties");
        Assert.True(properties.GetProperty("readOnly").GetBoolean());
        Assert.Equal(partner.StixId, properties.GetProperty("party").GetString());
        Assert.Equal("incident", properties.GetProperty("layer").GetString());
    }

    [Fact]
    public async Task BadFilters_AreNamed()
    {
        var problem = await Expect.ProblemAsync(await Analyst.GetAsync("/api/picture?bbox=1,2,3&from=yesterday&category=riot"), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["bbox", "category", "from"], errors);
    }

    private static List<string> Titles(JsonDocument picture) =>
        [.. picture.RootElement.GetProperty("incidents").GetProperty("features").EnumerateArray().Select(f => f.GetProperty("properties").GetProperty("title").GetString()!)];

    private async Task<JsonDocument> PictureAsync(string query)
    {
        var response = await Analyst.GetAsync($"/api/picture?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}
