using System.Text.Json.Nodes;
using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Stix;

/// <summary>Every kind of object Liaison writes validates against the OASIS STIX 2.1 schemas.</summary>
[Trait("Category", "Conformance")]
public class LiaisonObjectsSchemaTests
{
    private static readonly DateTimeOffset Created = new(2026, 2, 3, 4, 5, 6, 789, TimeSpan.Zero);

    internal static Location Point() => new()
    {
        Id = StixId.NewRandom(Location.TypeName),
        Created = Created,
        Modified = Created,
        Name = "Checkpoint 7",
        Latitude = 36.1234,
        Longitude = 44.0089,
        Precision = 250,
        Country = "IQ",
        AdministrativeArea = "Erbil",
        City = "Soran",
    };

    internal static Location Region() => new()
    {
        Id = StixId.NewRandom(Location.TypeName),
        Created = Created,
        Modified = Created,
        Region = "western-asia",
    };

    internal static ThreatActor Actor() => new()
    {
        Id = StixId.NewRandom(ThreatActor.TypeName),
        Created = Created,
        Modified = Created,
        Name = "Northern armed group",
        ThreatActorTypes = ["terrorist"],
        Aliases = ["NAG"],
        FirstSeen = Created.AddYears(-2),
        LastSeen = Created,
        Roles = ["agent"],
        Goals = ["control of the crossing"],
        Sophistication = "intermediate",
        ResourceLevel = "organization",
        PrimaryMotivation = "ideology",
        SecondaryMotivations = ["organizational-gain"],
        PersonalMotivations = ["revenge"],
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Green)],
    };

    internal static IntrusionSet Set() => new()
    {
        Id = StixId.NewRandom(IntrusionSet.TypeName),
        Created = Created,
        Modified = Created,
        Name = "Crossing raids 2025",
        Aliases = ["CR25"],
        FirstSeen = Created.AddYears(-1),
        LastSeen = Created,
        Goals = ["smuggling"],
        ResourceLevel = "team",
        PrimaryMotivation = "organizational-gain",
        SecondaryMotivations = ["dominance"],
    };

    internal static Incident FullIncident(StixId locationId) => new()
    {
        Id = StixId.NewRandom(Incident.TypeName),
        Created = Created,
        Modified = Created.AddMinutes(10),
        CreatedByRef = IdentitySchemaTests.OrganizationParty().Id,
        Name = "Clash at checkpoint 7",
        Description = "Exchange of fire at the northern crossing.",
        KillChainPhases = [new KillChainPhase { KillChainName = "liaison", PhaseName = "attack" }],
        ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.AmberStrict)],
        Confidence = 70,
        Lang = "en",
        Extensions = new Dictionary<string, JsonObject>
        {
            ["extension-definition--9c59fd79-4215-4ba2-920d-3e4f320e1e62"] = new() { ["extension_type"] = "property-extension", ["rank"] = 5 },
        },
        Liaison = new LiaisonIncidentExtension
        {
            Occurred = new IncidentOccurrence { Start = Created.AddHours(-3), End = Created.AddHours(-2), Precision = OccurrencePrecision.Range },
            Category = IncidentCategory.CrossBorderStrike,
            PlaceName = "Checkpoint 7",
            SectorCode = "N-04",
            Latitude = 36.1234,
            Longitude = 44.0089,
            LocationRef = locationId,
            Casualties = new IncidentCasualties
            {
                SecurityForces = new CasualtyCount { Killed = 0, Injured = 2 },
                Civilians = new CasualtyCount { Killed = 1 },
                Militants = new CasualtyCount { Killed = 3, Injured = 0 },
            },
            PerpetratorsText = "Unidentified armed group",
            TargetsText = "Border guard post",
            Sources = [new IncidentSource { Name = "Sector N command", Url = "https://command.example/r/1", Published = Created }],
            Reliability = SourceReliability.B,
            Credibility = 2,
            Status = IncidentStatus.Retracted,
            RetractionReason = "Duplicate report.",
            VersionNumber = 4,
        },
    };

    public static TheoryData<string, string> ObjectsAndSchemas()
    {
        var data = new TheoryData<string, string>();
        foreach (var (schema, json) in Objects())
        {
            data.Add(schema, json.ToJsonString());
        }

        return data;
    }

    internal static IEnumerable<(string Schema, JsonObject Json)> Objects()
    {
        var point = Point();
        var incident = FullIncident(point.Id);
        var actor = Actor();
        yield return ("sdos/identity.json", LiaisonExtensions.VendorIdentity.ToJson());
        yield return ("common/extension-definition.json", LiaisonExtensions.IncidentExtension.ToJson());
        yield return ("common/extension-definition.json", LiaisonExtensions.NewObjectTypes.ToJson());
        foreach (var marking in Tlp.All)
        {
            yield return ("common/marking-definition.json", marking.ToJson());
        }

        yield return ("sdos/incident.json", incident.ToJson());
        yield return ("sdos/incident.json", (incident with { Liaison = null, Extensions = null, KillChainPhases = null }).ToJson());
        yield return ("sdos/location.json", point.ToJson());
        yield return ("sdos/location.json", Region().ToJson());
        yield return ("sdos/threat-actor.json", actor.ToJson());
        yield return ("sdos/intrusion-set.json", Set().ToJson());
        yield return ("sros/relationship.json", (Relationship.Create(incident.Id, "located-at", point.Id, Created) with
        {
            Description = "Where it happened.",
            StartTime = Created.AddHours(-3),
            StopTime = Created.AddHours(-2),
        }).ToJson());
        yield return ("sros/relationship.json", Relationship.Create(incident.Id, "attributed-to", actor.Id, Created).ToJson());
    }

    internal static StixBundle BundleOfEverything()
    {
        var point = Point();
        var incident = FullIncident(point.Id);
        var actor = Actor();
        var set = Set();
        return StixBundle.Create(
        [
            LiaisonExtensions.VendorIdentity,
            LiaisonExtensions.IncidentExtension,
            LiaisonExtensions.NewObjectTypes,
            .. Tlp.All,
            IdentitySchemaTests.OrganizationParty(),
            point,
            Region(),
            incident,
            actor,
            set,
            Relationship.Create(incident.Id, "located-at", point.Id, Created),
            Relationship.Create(incident.Id, "attributed-to", actor.Id, Created),
            Relationship.Create(actor.Id, "attributed-to", set.Id, Created),
        ]);
    }

    [Theory]
    [MemberData(nameof(ObjectsAndSchemas))]
    public void Object_ValidatesAgainstItsOasisSchema(string schema, string json)
    {
        var errors = StixSchemas.Instance.Validate(schema, JsonNode.Parse(json)!);

        Assert.True(errors.Count == 0, $"{json}\n{string.Join(Environment.NewLine, errors)}");
    }

    [Fact]
    public void BundleOfEveryKind_EachObjectValidatesAgainstItsTypeSchema()
    {
        var json = BundleOfEverything().ToJson();

        var errors = json["objects"]!.AsArray()
            .SelectMany(o => StixSchemas.Instance.Validate(SchemaOf((string)o!["type"]!), o!).Select(e => $"{o["id"]}: {e}"))
            .ToList();

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void BundleOfEveryKind_ValidatesAgainstOasisBundleSchema_ForTheTypesItEnumerates()
    {
        // The OASIS bundle schema lists the object schemas it knows; location, incident, extension-definition
        // (and grouping, note, opinion) are missing, and its fallback branch "oneOf core / cyber-observable-core"
        // can never pass for an SDO, which matches both (the same defect as oasis-open/cti-stix2-json-schemas#133,
        // fixed there for infrastructure only). So the envelope is checked without those objects, and they are
        // checked one by one against their own schemas above.
        var json = BundleOfEverything().ToJson();
        var objects = json["objects"]!.AsArray();
        foreach (var o in objects.Where(o => NotInBundleSchema.Contains((string)o!["type"]!)).ToList())
        {
            objects.Remove(o);
        }

        var errors = StixSchemas.Instance.Validate("common/bundle.json", json);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        Assert.True(objects.Count >= 10);
    }

    [Fact]
    public void OasisBundleSchema_StillLacksTheTypesWeLeaveOut()
    {
        // If OASIS fixes the bundle schema, this fails, and the test above should check the whole bundle again.
        var incident = FullIncident(Point().Id);
        var json = StixBundle.Create(incident).ToJson();

        Assert.NotEmpty(StixSchemas.Instance.Validate("common/bundle.json", json));
        Assert.Empty(StixSchemas.Instance.Validate("sdos/incident.json", incident.ToJson()));
    }

    private static readonly HashSet<string> NotInBundleSchema = new(StringComparer.Ordinal)
    {
        Location.TypeName, Incident.TypeName, ExtensionDefinition.TypeName,
    };

    private static string SchemaOf(string type) => type switch
    {
        MarkingDefinition.TypeName or ExtensionDefinition.TypeName => $"common/{type}.json",
        Relationship.TypeName => $"sros/{type}.json",
        _ => $"sdos/{type}.json",
    };

    [Fact]
    public void BundleOfEveryKind_ReadsBackIntoTypedObjects()
    {
        var bundle = BundleOfEverything();
        var text = StixJson.ToJsonString(bundle.ToJson());

        var parsed = StixBundleReader.Read(text);

        Assert.DoesNotContain(parsed.Objects, o => o is UnknownStixObject);
        Assert.Equal(bundle.Objects.Count, parsed.Objects.Count);
        Assert.Equal(text, StixJson.ToJsonString(new StixBundle(parsed.Id, [.. parsed.Objects.Select(o => (JsonNode)o.ToJson())]).ToJson()));
    }

    [Theory]
    [InlineData("sdos/location.json", "latitude", "91")]
    [InlineData("sdos/location.json", "longitude", null)]
    [InlineData("sros/relationship.json", "target_ref", "\"marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1\"")]
    [InlineData("common/extension-definition.json", "extension_types", "[\"new-thing\"]")]
    [InlineData("common/extension-definition.json", "schema", null)]
    [InlineData("sdos/incident.json", "extensions", "{\"extension-definition--c95bbe37-fe0f-42ff-9b16-40252caee667\":{\"category\":\"other\"}}")]
    [InlineData("common/marking-definition.json", "extensions", null)]
    public void SchemaCheck_IsNotVacuous_RejectsBrokenObjects(string schema, string property, string? valueJson)
    {
        var json = Objects().First(o => o.Schema == schema && (schema != "sdos/location.json" || o.Json.ContainsKey("latitude"))).Json;
        json.Remove(property);
        if (valueJson is not null)
        {
            json[property] = JsonNode.Parse(valueJson);
        }

        Assert.NotEmpty(StixSchemas.Instance.Validate(schema, json));
    }
}
