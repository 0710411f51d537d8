using System.Text.Json.Nodes;
using Liaison.Features.Picture;

namespace Liaison.Tests.Features.Picture;

/// <summary>The time window and filters of the desk's map and timeline.</summary>
public sealed class PictureFilterTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc);

    private static readonly PictureItem[] Items =
    [
        Incident("clash a week ago", Now.AddDays(-7), null, "armed-clash", "TFT-MJV", "identity--pk", "amber"),
        Incident("smugglers yesterday", Now.AddDays(-1), null, "smuggling-interdiction", "MSK-JLQ", "identity--ir", "green"),
        Incident("strike over ten days ago to two days ago", Now.AddDays(-10), Now.AddDays(-2), "cross-border-strike", "SRV-PJG", "identity--pk", "red"),
        Alert("alert in force", Now.AddHours(-3), Now.AddHours(3), "active", ["TFT-MJV"], "identity--pk"),
        Alert("alert tomorrow", Now.AddDays(1), Now.AddDays(2), "active", ["MSK-JLQ"], "identity--ir"),
        Alert("alert cancelled", Now.AddDays(-5), Now.AddDays(5), "cancelled", ["MSK-JLQ"], "identity--pk"),
        new("TFT-MJV", "sector", "TFT-MJV · Taftan–Mirjaveh", null, null, ["TFT-MJV"], null, null, null, null, null, Line(), null, null, false, null),
        new("MSK-BP", "post", "MSK-BP · Mashkel border post", null, "border-post", ["MSK-JLQ"], null, null, null, null, null, Point(), null, null, false, null),
    ];

    [Fact]
    public void Window_ShowsWhatOccurredOrWasValidInIt_UpToTheChosenMoment()
    {
        var lastThreeDays = Filter() with { Window = TimeSpan.FromDays(3) };
        Assert.Equal(["strike over ten days ago to two days ago", "alert cancelled", "smugglers yesterday", "alert in force"], Timed(lastThreeDays));

        // Four days back the smugglers and the alert in force had not happened; the week-old clash is in the window.
        var earlier = lastThreeDays with { At = Now.AddDays(-4) };
        Assert.Equal(["strike over ten days ago to two days ago", "clash a week ago", "alert cancelled"], Timed(earlier));

        var allTime = Filter();
        Assert.Equal(5, Timed(allTime).Count);
        Assert.DoesNotContain("alert tomorrow", Timed(allTime));
    }

    [Fact]
    public void Filters_NarrowByKindCategorySectorPartyAndTlp()
    {
        Assert.Equal(["alert cancelled", "alert in force"], Timed(Filter() with { Kinds = new HashSet<string> { "alert" } }));
        Assert.Equal(["clash a week ago"], Timed(Filter() with { Kinds = new HashSet<string> { "incident" }, Category = "armed-clash" }));
        Assert.Equal(["smugglers yesterday"], Timed(Filter() with { Party = "identity--ir" }));
        Assert.Equal(["strike over ten days ago to two days ago"], Timed(Filter() with { Tlp = "red" }));

        var sector = Filter() with { Sector = "MSK-JLQ" };
        Assert.Equal(["alert cancelled", "smugglers yesterday", "MSK-BP · Mashkel border post"], sector.Apply(Items).Select(i => i.Title));
    }

    [Fact]
    public void SectorsAndPosts_HaveNoTime_AndAlwaysShowUnlessTheirKindIsOff()
    {
        var longAgo = Filter() with { At = Now.AddYears(-5), Window = TimeSpan.FromHours(6) };
        Assert.Equal(["MSK-BP", "TFT-MJV"], longAgo.Apply(Items).Select(i => i.Id));
        Assert.Empty((longAgo with { Kinds = new HashSet<string> { "incident", "alert" } }).Apply(Items));
    }

    [Theory]
    [InlineData("draft", false)]
    [InlineData("retracted", false)]
    [InlineData("published", true)]
    public void Incidents_ShowOnlyWhilePublished(string status, bool shown)
    {
        var report = Items[0] with { Status = status };
        Assert.Equal(shown, Filter().Shows(report));
    }

    [Theory]
    [InlineData(-4, "pending")]
    [InlineData(0, "in-force")]
    [InlineData(4, "expired")]
    public void AlertState_FollowsTheChosenMoment(int hours, string state)
    {
        var alert = Items.Single(i => i.Title == "alert in force");
        Assert.Equal(state, alert.StateAt(Now.AddHours(hours)));
        Assert.Equal("cancelled", Items.Single(i => i.Title == "alert cancelled").StateAt(Now.AddHours(hours)));
        Assert.Null(Items[0].StateAt(Now));
    }

    [Fact]
    public void Read_TurnsThePictureIntoRecords()
    {
        var picture = JsonNode.Parse("""
            {
              "sectors": { "type": "FeatureCollection", "features": [ { "type": "Feature", "id": "TFT-MJV", "geometry": { "type": "LineString", "coordinates": [[61, 29], [61.5, 29]] },
                "properties": { "layer": "sector", "code": "TFT-MJV", "name": "Taftan" } } ] },
              "posts": { "type": "FeatureCollection", "features": [] },
              "incidents": { "type": "FeatureCollection", "features": [ { "type": "Feature", "id": "incident--1", "geometry": null,
                "properties": { "layer": "incident", "title": "no place", "category": "other", "status": "published", "occurredStart": "2026-11-20T10:00:00Z", "occurredLast": null, "sector": "TFT-MJV", "tlp": "green", "party": "identity--pk", "partyName": "PK", "readOnly": false } } ] },
              "alerts": { "type": "FeatureCollection", "features": [ { "type": "Feature", "id": "liaison-alert--1", "geometry": { "type": "Point", "coordinates": [61.6, 28.9] },
                "properties": { "layer": "alert", "title": "circle", "status": "active", "validFrom": "2026-11-28T08:00:00Z", "validUntil": "2026-11-28T20:00:00Z", "radius": 5000, "sectors": ["TFT-MJV"], "tlp": "amber", "party": "identity--ir", "partyName": "IR", "readOnly": true, "precedence": "flash" } } ] }
            }
            """)!.AsObject();
        var items = PictureView.Read(picture);

        Assert.Equal(["sector", "incident", "alert"], items.Select(i => i.Kind));
        var incident = items[1];
        Assert.Null(incident.Geometry);
        Assert.Equal(new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc), incident.End);
        Assert.Equal("incidents/incident--1", incident.Link);
        var alert = items[2];
        Assert.Equal(5000, alert.Radius);
        Assert.True(alert.ReadOnly);
        Assert.Equal("in-force", alert.StateAt(Now));
        Assert.Equal("sectors/TFT-MJV", items[0].Link);
    }

    private static PictureFilter Filter() => PictureFilter.Everything(Now);

    private static List<string> Timed(PictureFilter filter) => [.. filter.Apply(Items).Where(i => i.Start is not null).Select(i => i.Title)];

    private static PictureItem Incident(string title, DateTime start, DateTime? end, string category, string sector, string party, string tlp) =>
        new($"incident--{title.GetHashCode():x}", "incident", title, category, "published", [sector], party, party, tlp, start, end ?? start, Point(), null, null, false, null);

    private static PictureItem Alert(string title, DateTime from, DateTime until, string status, string[] sectors, string party) =>
        new($"liaison-alert--{title.GetHashCode():x}", "alert", title, null, status, sectors, party, party, "amber", from, until, Point(), 5000, "immediate", false, null);

    private static JsonNode Point() => JsonNode.Parse("""{ "type": "Point", "coordinates": [61.5, 28.9] }""")!;

    private static JsonNode Line() => JsonNode.Parse("""{ "type": "LineString", "coordinates": [[61, 29], [62, 28]] }""")!;
}

/// <summary>A configured tile server is let through the page's content security policy, and only it.</summary>
public sealed class TileSourceTests
{
    [Theory]
    [InlineData("https://{s}.tiles.example.org/{z}/{x}/{y}.png", "https://*.tiles.example.org")]
    [InlineData("http://10.0.0.5:8080/osm/{z}/{x}/{y}.png", "http://10.0.0.5:8080")]
    [InlineData("https://tiles.example.org/{z}/{x}/{y}{r}.png", "https://tiles.example.org")]
    [InlineData("", null)]
    [InlineData("file:///srv/tiles/{z}/{x}/{y}.png", null)]
    [InlineData("tiles/{z}/{x}/{y}.png", null)]
    public void TileSource_IsTheTemplatesOrigin(string template, string? expected) =>
        Assert.Equal(expected, Liaison.Http.SecurityHeaders.TileSource(template));
}
