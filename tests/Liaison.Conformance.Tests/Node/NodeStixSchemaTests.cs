using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Features.Exports;
using Liaison.Features.Incidents;
using Liaison.Features.Officers;
using Liaison.Features.Parties;
using Liaison.Features.Sectors;
using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Node;

/// <summary>Every kind of STIX object the node produces from its records validates against the OASIS STIX 2.1 schemas.</summary>
[Trait("Category", "Conformance")]
public class NodeStixSchemaTests
{
    /// <summary>Each producer of the node with one object it made: (what, schema, JSON).</summary>
    public static TheoryData<string, string, string> Produced()
    {
        var r = new NodeRecords();
        var published = IncidentStix.ToStix(IncidentStix.Of(r.Published));
        var retracted = IncidentStix.ToStix(IncidentStix.Of(r.Retracted));
        var rows = new List<(string What, IStixObject Object)>
        {
            ("PartyStix.Identity (self)", PartyStix.Identity(r.Self)),
            ("PartyStix.Identity (partner)", PartyStix.Identity(r.Partner)),
            ("OfficerStix.Identity", OfficerStix.Identity(r.Officer, r.Self)),
            ("SectorStix.Location (sector)", SectorStix.Location(r.Sector, r.Self)),
            ("SectorStix.Location (post)", SectorStix.Location(r.Post, r.Self)),
            ("NamedGroupStix (intrusion-set)", NamedGroupStix.ToStix(r.Perpetrator, r.Self)),
            ("NamedGroupStix (threat-actor)", NamedGroupStix.ToStix(r.TargetGroup, r.Self)),
            ("IncidentStix incident (published)", published.OfType<Incident>().Single()),
            ("IncidentStix incident (retracted, no point)", retracted.OfType<Incident>().Single()),
            ("IncidentStix location", published.OfType<Location>().Single()),
            ("IncidentStix located-at", published.OfType<Relationship>().Single(x => x.RelationshipType == "located-at")),
            ("IncidentStix attributed-to", published.OfType<Relationship>().Single(x => x.RelationshipType == "attributed-to")),
            ("IncidentStix targets", published.OfType<Relationship>().Single(x => x.RelationshipType == "targets")),
            ("LiaisonExtensions vendor identity", LiaisonExtensions.VendorIdentity),
            ("LiaisonExtensions incident extension", LiaisonExtensions.IncidentExtension),
            ("LiaisonExtensions new object types", LiaisonExtensions.NewObjectTypes),
        };
        rows.AddRange(Tlp.All.Select(m => ($"Tlp {m.Name}", (IStixObject)m)));

        var data = new TheoryData<string, string, string>();
        foreach (var (what, o) in rows)
        {
            data.Add(what, SchemaOf(o.Type), o.ToJson().ToJsonString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Produced))]
    public void NodeObject_ValidatesAgainstItsOasisSchema(string what, string schema, string json)
    {
        var errors = StixSchemas.Instance.Validate(schema, JsonNode.Parse(json)!);

        Assert.True(errors.Count == 0, $"{what}: {json}\n{string.Join(Environment.NewLine, errors)}");
    }

    [Fact]
    public void IncidentExtension_AsTheNodeWritesIt_ValidatesAgainstThePublishedSchema()
    {
        var r = new NodeRecords();
        foreach (var report in new[] { r.Published, r.Retracted })
        {
            var incident = IncidentStix.ToStix(IncidentStix.Of(report)).OfType<Incident>().Single().ToJson();
            var extension = incident["extensions"]![LiaisonExtensions.IncidentExtensionId.ToString()]!.ToJsonString();
            using var document = JsonDocument.Parse(extension);

            Assert.True(Stix.IncidentExtensionSchemaTests.Schema.Value.Evaluate(document.RootElement).IsValid, extension);
        }
    }

    [Fact]
    public void WholePictureExport_EveryObjectValidates_AndEveryKindIsThere()
    {
        var r = new NodeRecords();
        var json = Export(r).ToJson();
        var objects = json["objects"]!.AsArray().Select(o => o!.AsObject()).ToList();

        var errors = objects.SelectMany(o => StixSchemas.Instance.Validate(SchemaOf((string)o["type"]!), o).Select(e => $"{o["id"]}: {e}")).ToList();

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        Assert.Equal(objects.Count, objects.Select(o => (string)o["id"]!).Distinct().Count());
        var types = objects.Select(o => (string)o["type"]!).ToHashSet();
        Assert.Superset(new HashSet<string> { "identity", "location", "incident", "relationship", "intrusion-set", "threat-actor", "marking-definition", "extension-definition" }, types);
    }

    [Fact]
    public void WholePictureExport_LeavesDraftsOut_AndMarksEveryRecordWithItsTlp()
    {
        var r = new NodeRecords();
        var bundle = Export(r);
        var parsed = StixBundleReader.Read(StixJson.ToJsonString(bundle.ToJson()));

        Assert.DoesNotContain(parsed.Objects, o => o.Id.ToString() == r.Draft.StixId);
        Assert.Equal(Tlp.IdOf(TlpLevel.Red), Assert.Single(parsed.OfType<Incident>().Single(i => i.Id.ToString() == r.Retracted.StixId).ObjectMarkingRefs!));
        var unmarked = parsed.Objects.OfType<StixCoreObject>()
            .Where(o => o.ObjectMarkingRefs is not { Count: > 0 } && o is not Identity { IdentityClass: "organization" } && o is not ExtensionDefinition);
        Assert.Empty(unmarked);
        var referenced = parsed.Objects.OfType<StixCoreObject>().SelectMany(o => o.ObjectMarkingRefs ?? []).ToHashSet();
        Assert.Subset(parsed.OfType<MarkingDefinition>().Select(m => m.Id).ToHashSet(), referenced);
    }

    [Fact]
    public void WholePictureExport_ReadsBack_AndEachIncidentGivesBackItsContent()
    {
        var r = new NodeRecords();
        var bundle = Export(r);
        var text = StixJson.ToJsonString(bundle.ToJson());

        var parsed = StixBundleReader.Read(text);

        Assert.DoesNotContain(parsed.Objects, o => o is UnknownStixObject);
        Assert.Equal(text, StixJson.ToJsonString(new StixBundle(parsed.Id, [.. parsed.Objects.Select(o => (JsonNode)o.ToJson())]).ToJson()));
        foreach (var report in new[] { r.Published, r.Retracted })
        {
            var original = IncidentStix.Of(report);
            var copy = IncidentStix.FromStix(parsed.Objects, report.StixId);
            Assert.Equal(JsonSerializer.Serialize(original, IncidentContent.Json), JsonSerializer.Serialize(copy, IncidentContent.Json));
        }
    }

    [Fact]
    public void Officer_IsAnIndividualNamedByRankAndName_WithTheBorderSectorInTheDescription()
    {
        var r = new NodeRecords();

        var identity = OfficerStix.Identity(r.Officer, r.Self);

        Assert.Equal("Major Asad Khan", identity.Name);
        Assert.Equal("individual", identity.IdentityClass);
        Assert.Equal([OfficerStix.Role], identity.Roles);
        Assert.Null(identity.Sectors);
        Assert.Contains("TFT-MJV", identity.Description, StringComparison.Ordinal);
        Assert.Equal("phone: +92 81 000 0000\nradio: VHF channel 7\ne-mail: liaison.taftan@example.org", identity.ContactInformation);
        Assert.Equal(StixId.Parse(r.Self.StixId), identity.CreatedByRef);
    }

    [Fact]
    public void DerivedIds_AreStableAcrossExports_AndDistinctPerRecord()
    {
        var r = new NodeRecords();

        Assert.Equal(OfficerStix.IdOf(r.Officer, r.Self), OfficerStix.Identity(r.Officer, r.Self).Id);
        Assert.Equal(SectorStix.Location(r.Sector, r.Self).Id, SectorStix.Location(r.Sector, r.Self).Id);
        Assert.NotEqual(SectorStix.Location(r.Sector, r.Self).Id, SectorStix.Location(r.Post, r.Self).Id);
        Assert.NotEqual(SectorStix.Location(r.Sector, r.Self).Id, SectorStix.Location(r.Sector, r.Partner).Id);
        Assert.Equal(5, SectorStix.Location(r.Sector, r.Self).Id.Value.Version);
    }

    [Fact]
    public void Sector_IsLocatedAtTheCentreOfItsBox_InTheRegionOfThePartiesCountries()
    {
        var r = new NodeRecords();

        var location = SectorStix.Location(r.Sector, r.Self);

        Assert.Equal(28.75, location.Latitude!.Value, 6);
        Assert.Equal(61.25, location.Longitude!.Value, 6);
        Assert.InRange(location.Precision!.Value, 30_000, 40_000);
        Assert.Equal("southern-asia", location.Region);
        Assert.Contains("TFT-MJV", location.Description, StringComparison.Ordinal);
    }

    private static StixBundle Export(NodeRecords r) => StixExport.Bundle(StixExportEndpoints.Picture(
        r.Self, [r.Self, r.Partner], r.Reports, [r.Perpetrator, r.TargetGroup], [r.Sector], [r.Post], [r.Officer]));

    private static string SchemaOf(string type) => type switch
    {
        MarkingDefinition.TypeName or ExtensionDefinition.TypeName => $"common/{type}.json",
        Relationship.TypeName => $"sros/{type}.json",
        _ => $"sdos/{type}.json",
    };
}
