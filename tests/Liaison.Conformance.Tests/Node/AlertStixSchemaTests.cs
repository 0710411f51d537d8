using System.Text.Json.Nodes;
using Liaison.Features.Alerts;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Node;

/// <summary>
/// The alert feature's objects, as the node produces them, validate against the OASIS common schema every STIX 2.1
/// object must meet (core.json: common properties, custom property names, extensions) — new SDOs have no schema of
/// their own (STIX 2.1 §7.3) — and read back into their typed records.
/// </summary>
[Trait("Category", "Conformance")]
public class AlertStixSchemaTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 8, 0, 0, 123, DateTimeKind.Utc);

    public static TheoryData<string, string> Produced()
    {
        var self = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Test Party", "PK", isSelf: true, Now.AddDays(-30));
        var partner = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Partner Party", "IR", isSelf: false, Now.AddDays(-29));
        var circle = Alert.Raise(self, Content(Area("""{"type":"Circle","latitude":28.97,"longitude":61.59,"radius":5000}""")), [new Addressee(partner, TimeSpan.FromMinutes(5))], "officer", Now);
        var polygon = Alert.Raise(self, Content(Area("""{"type":"Polygon","coordinates":[[[61.0,28.5],[61.5,28.5],[61.5,29.0],[61.0,28.5]]]}""")) with { Description = null, Tlp = TlpLevel.AmberStrict },
            [new Addressee(partner, TimeSpan.FromHours(1))], "officer", Now);
        polygon.Cancel("False alarm.", "officer", Now.AddMinutes(2));
        var received = Alert.Raise(partner, Content(null), [new Addressee(self, TimeSpan.FromMinutes(15))], "partner", Now);
        var row = received.Recipients.Single();
        row.Acknowledge(AlertStix.AcknowledgementIdOf(received.StixId, self.StixId).ToString(), Now.AddMinutes(3), "Major Asad Khan", "Patrols alerted.", "Crossing closed.", Now.AddMinutes(3));

        var data = new TheoryData<string, string>
        {
            { "liaison-alert (circle, active)", AlertStix.ToStix(circle).ToJson().ToJsonString() },
            { "liaison-alert (polygon, cancelled)", AlertStix.ToStix(polygon).ToJson().ToJsonString() },
            { "liaison-alert (sectors only)", AlertStix.ToStix(received).ToJson().ToJsonString() },
            { "liaison-acknowledgement", AlertStix.Acknowledgement(received, row).ToJson().ToJsonString() },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Produced))]
    public void NodeAlertObject_ValidatesAgainstTheOasisCoreSchema_AndReadsBack(string what, string json) =>
        NewObjectConformance.AssertValidAndReadsBack(what, json);

    [Fact]
    public void CoreSchemaCheck_IsNotVacuous_RejectsAnAlertWithAnUpperCaseProperty()
    {
        var json = JsonNode.Parse(Produced().First()[1].ToString()!)!.AsObject();
        json["AcknowledgeBy"] = "x";

        Assert.NotEmpty(StixSchemas.Instance.Validate("common/core.json", json));
    }

    private static AlertArea Area(string json) => AlertArea.FromJson(json);

    private static AlertContent Content(AlertArea? area) => new(
        Precedence.Flash, "Armed group moving towards the Taftan crossing", "Twelve armed men in two pickups.", area, ["TFT-MJV"],
        Now, Now.AddHours(12), TlpLevel.Amber, []);
}
