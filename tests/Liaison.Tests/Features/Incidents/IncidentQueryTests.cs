using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Incidents;

/// <summary>Map and list queries return exactly the records in the box and the window.</summary>
public sealed class IncidentQueryTests : AnalystNodeTests
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // A grid of reports: inside and just outside a box around (62, 27), over three weeks.
        await IncidentRequests.CreatePublishedAsync(Analyst, IncidentRequests.Valid("inside early", 27.0, 62.0, "2026-11-01T10:00:00Z"));
        await IncidentRequests.CreatePublishedAsync(Analyst, IncidentRequests.Valid("inside late", 27.5, 62.5, "2026-11-20T10:00:00Z"));
        await IncidentRequests.CreatePublishedAsync(Analyst, IncidentRequests.Valid("on the edge", 28.0, 63.0, "2026-11-10T10:00:00Z"));
        await IncidentRequests.CreatePublishedAsync(Analyst, IncidentRequests.Valid("north of the box", 28.0001, 62.0, "2026-11-10T10:00:00Z"));
        await IncidentRequests.CreatePublishedAsync(Analyst, IncidentRequests.Valid("west of the box", 27.0, 60.9999, "2026-11-10T10:00:00Z"));
        var smuggling = IncidentRequests.Valid("fuel smugglers stopped", 25.3, 61.6, "2026-11-15T10:00:00Z");
        smuggling["category"] = "smuggling-interdiction";
        smuggling["occurred"] = new System.Text.Json.Nodes.JsonObject { ["start"] = "2026-10-01T00:00:00Z", ["precision"] = "month" };
        await IncidentRequests.CreateAsync(Analyst, smuggling);
    }

    [Fact]
    public async Task Bbox_ReturnsExactlyTheRecordsInsideIt_EdgesIncluded()
    {
        var titles = await IncidentRequests.TitlesAsync(Analyst, "bbox=61,26.5,63,28");
        Assert.Equal(["inside late", "on the edge", "inside early"], titles);
    }

    [Fact]
    public async Task TimeWindow_ReturnsRecordsOverlappingIt_IncludingMonthPrecision()
    {
        Assert.Equal(["north of the box", "on the edge", "west of the box"],
            (await IncidentRequests.TitlesAsync(Analyst, "from=2026-11-05T00:00:00Z&to=2026-11-12T00:00:00Z")).Order(StringComparer.Ordinal));
        // Known only to the month of October: in a window that touches October, not in one after it.
        Assert.Contains("fuel smugglers stopped", await IncidentRequests.TitlesAsync(Analyst, "from=2026-10-31T12:00:00Z&to=2026-11-01T00:00:00Z"));
        Assert.DoesNotContain("fuel smugglers stopped", await IncidentRequests.TitlesAsync(Analyst, "from=2026-11-01T00:00:01Z"));
    }

    [Fact]
    public async Task CategoryTextStatusAndParty_Filter()
    {
        Assert.Equal(["fuel smugglers stopped"], await IncidentRequests.TitlesAsync(Analyst, "category=smuggling-interdiction"));
        Assert.Equal(["fuel smugglers stopped"], await IncidentRequests.TitlesAsync(Analyst, "status=draft"));
        Assert.Equal(["north of the box"], await IncidentRequests.TitlesAsync(Analyst, "q=NORTH"));
        await PartnerData.AddPartnerIncidentAsync(Node);
        var partner = await PartnerData.AddPartnerAsync(Node);
        Assert.Equal(["Partner's report"], await IncidentRequests.TitlesAsync(Analyst, $"party={partner.StixId}"));
    }

    [Fact]
    public async Task BadFilters_AreNamed()
    {
        var problem = await Expect.ProblemAsync(await Analyst.GetAsync("/api/incidents?bbox=1,2,3&from=yesterday&category=riot&limit=0&cursor=@@"), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["bbox", "category", "cursor", "from", "limit"], errors);
    }

    [Fact]
    public async Task CursorPaging_NeverSkipsOrRepeats_WhileRecordsAreAdded()
    {
        var seen = new List<string>();
        string? cursor = null;
        var added = 0;
        do
        {
            var page = await Analyst.GetFromJsonAsync<JsonElement>($"/api/incidents?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("content").GetProperty("title").GetString()!));
            cursor = page.GetProperty("next").GetString();
            // New reports, both newer and older than the cursor, arrive between pages.
            await IncidentRequests.CreatePublishedAsync(Analyst, IncidentRequests.Valid($"added {added++}", 27, 62, added % 2 == 0 ? "2026-11-27T00:00:00Z" : "2026-09-01T00:00:00Z"));
        }
        while (cursor is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(new HashSet<string> { "inside early", "inside late", "on the edge", "north of the box", "west of the box", "fuel smugglers stopped" }, seen.ToHashSet());
    }

    [Fact]
    public async Task GeoJsonAndCsv_CarryTheSameRecords()
    {
        var geo = await Analyst.GetAsync("/api/incidents.geojson?bbox=61,26.5,63,28");
        Assert.Equal("application/geo+json", geo.Content.Headers.ContentType?.MediaType);
        var collection = await geo.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("FeatureCollection", collection.GetProperty("type").GetString());
        var features = collection.GetProperty("features").EnumerateArray().ToList();
        Assert.Equal(3, features.Count);
        var point = features.Single(f => f.GetProperty("properties").GetProperty("title").GetString() == "inside early").GetProperty("geometry");
        Assert.Equal([62.0, 27.0], point.GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));

        var csv = await Analyst.GetAsync("/api/incidents.csv?bbox=61,26.5,63,28");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("id,status,version,title,category,occurred_start", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(",inside early,attack-on-security-forces,2026-11-01T10:00:00Z,", StringComparison.Ordinal));
    }
}
