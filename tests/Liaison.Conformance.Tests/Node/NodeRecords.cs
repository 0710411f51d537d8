using System.Text.Json;
using Liaison.Features.Incidents;
using Liaison.Features.Officers;
using Liaison.Features.Parties;
using Liaison.Features.Sectors;
using Liaison.Http;
using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Node;

/// <summary>
/// Node records built in memory through the entities' own constructors and factories, one of every kind the node
/// turns into STIX, so the conformance checks run against the node's real mappings without a database.
/// </summary>
internal sealed class NodeRecords
{
    public static readonly DateTime Now = new(2026, 11, 28, 8, 0, 0, 123, DateTimeKind.Utc);

    public NodeRecords()
    {
        Self = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Test Party", "PK", isSelf: true, Now.AddDays(-30));
        Partner = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Partner Party", "IR", isSelf: false, Now.AddDays(-29));

        var validation = new Validation();
        using var polygon = JsonDocument.Parse("""{"type":"Polygon","coordinates":[[[61.0,28.5],[61.5,28.5],[61.5,29.0],[61.0,29.0],[61.0,28.5]]]}""");
        var geometry = GeoJson.ReadGeometry(polygon.RootElement, "geometry", SaveSector.GeometryTypes, validation)
            ?? throw new InvalidOperationException("The sample sector geometry is invalid.");
        Sector = new Sector("TFT-MJV", new SectorDetails("Taftan–Mirjaveh", geometry, "FC Balochistan, Taftan Wing", "Mirjaveh Border Regiment", "Main road and rail crossing"), Now.AddDays(-20));
        Sector.Revise(new SectorDetails("Taftan–Mirjaveh", geometry, "FC Balochistan, Taftan Wing", "Mirjaveh Border Regiment", "Main road and rail crossing"), Now.AddDays(-10));
        Post = new Post("TFT-1", new PostDetails("Taftan crossing", PostKind.Crossing, 61.59, 28.97, Sector, "Joint gate"), Now.AddDays(-20));
        Officer = new Officer(
            Self,
            new OfficerDetails("Asad Khan", "Major", "Taftan Wing", Sector, ["ur", "fa", "bal"],
                [new ContactChannel(ContactKind.Phone, "+92 81 000 0000"), new ContactChannel(ContactKind.Radio, "VHF channel 7"), new ContactChannel(ContactKind.Email, "liaison.taftan@example.org")]),
            Now.AddDays(-15));

        Perpetrator = new NamedGroup("Jaish example", IntrusionSet.TypeName, ["JE"], "An armed group active in the border area.", Now.AddDays(-40));
        TargetGroup = new NamedGroup("Smuggling ring example", ThreatActor.TypeName, [], null, Now.AddDays(-40));

        Published = IncidentReport.Draft(Self, Content("Attack on a police station", TlpLevel.Amber, withPoint: true), "analyst", Now.AddHours(-3));
        Published.Publish("analyst", Now.AddHours(-2));
        Retracted = IncidentReport.Draft(Partner, Content("Reported clash, later denied", TlpLevel.Red, withPoint: false), "partner", Now.AddHours(-5));
        Retracted.Publish("partner", Now.AddHours(-4));
        Retracted.Retract("The clash did not take place.", "partner", Now.AddHours(-1));
        Draft = IncidentReport.Draft(Self, Content("Unfinished report", TlpLevel.Green, withPoint: true), "analyst", Now);
    }

    public Party Self { get; }

    public Party Partner { get; }

    public Sector Sector { get; }

    public Post Post { get; }

    public Officer Officer { get; }

    public NamedGroup Perpetrator { get; }

    public NamedGroup TargetGroup { get; }

    public IncidentReport Published { get; }

    public IncidentReport Retracted { get; }

    public IncidentReport Draft { get; }

    public IReadOnlyList<IncidentReport> Reports => [Published, Retracted, Draft];

    private IncidentContent Content(string title, TlpLevel tlp, bool withPoint) => new()
    {
        Title = title,
        Description = "Armed men attacked the station at night.",
        Occurred = new Occurrence(Now.AddDays(-1), null, OccurrencePrecision.Minute),
        Location = withPoint ? new Place(28.95, 61.55, "Taftan", Sector.Code) : new Place(PlaceName: "somewhere near Mirjaveh", Sector: Sector.Code),
        Category = IncidentCategory.AttackOnSecurityForces,
        Casualties = new Casualties(SecurityForces: new Count(11, 7), Civilians: new Count(0, null)),
        Perpetrators = new Actors("claimed by an armed group", [Perpetrator.StixId]),
        Targets = new Actors("a police station", [TargetGroup.StixId]),
        Sources = [new Source("Provincial police statement", "https://example.org/statement", Now.AddDays(-1).AddHours(2))],
        Reliability = SourceReliability.B,
        Credibility = 2,
        Tlp = tlp,
    };
}
