using System.Text;
using System.Text.Json;
using Liaison.Features.Alerts;
using Liaison.Features.Alerts.Cap;
using Liaison.Features.Parties;
using Liaison.Http;
using Liaison.Protocol.Cap;
using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Cap;

/// <summary>
/// The node's own CAP exports — an alert as raised, updated, cancelled and closed, and an acknowledgement — built
/// from real entities through the node's mapping, validated against the OASIS CAP 1.2 XSD.
/// </summary>
public class NodeCapSchemaTests
{
    private static readonly DateTime Now = new(2026, 11, 28, 8, 0, 0, 123, DateTimeKind.Utc);

    public static TheoryData<string> Kinds() => ["alert", "update", "cancel", "close", "ack", "sectors only"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void NodeExport_ValidatesAgainstTheXsd(string kind)
    {
        var (cap, expected) = Export(kind);

        var written = CapWriter.Write(cap);

        var errors = CapSchema.Validate(written);
        Assert.True(errors.Count == 0, $"{kind}: {string.Join("; ", errors)}\n{Encoding.UTF8.GetString(written)}");
        Assert.Equal(expected, CapReader.Read(new MemoryStream(written)).MsgType);
    }

    private static (CapAlert Cap, CapMsgType Expected) Export(string kind)
    {
        var self = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Test Party", "PK", isSelf: true, Now.AddDays(-30));
        var partner = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Partner Party", "IR", isSelf: false, Now.AddDays(-29));
        var alert = Alert.Raise(self, Content(kind == "sectors only" ? null : Circle(), Precedence.Flash), [new Addressee(partner, TimeSpan.FromMinutes(5))], "officer", Now);
        var versions = new List<AlertVersion> { new(1, Now) };
        switch (kind)
        {
            case "update":
                alert.Update(Content(Polygon(), Precedence.Priority), [], "officer", Now.AddMinutes(10));
                versions.Add(new(2, alert.ModifiedAt));
                return (AlertCap.ToCap(alert, versions), CapMsgType.Update);
            case "cancel":
                alert.Update(Content(Polygon(), Precedence.Immediate), [], "officer", Now.AddMinutes(10));
                versions.Add(new(2, alert.ModifiedAt));
                alert.Cancel("False report <from a farmer> & unconfirmed", "officer", Now.AddMinutes(20));
                return (AlertCap.ToCap(alert, versions), CapMsgType.Cancel);
            case "close":
                alert.Close(null, "officer", Now.AddMinutes(20));
                return (AlertCap.ToCap(alert, versions), CapMsgType.Update);
            case "ack":
                var row = alert.Recipients.Single();
                row.Acknowledge(AlertStix.AcknowledgementIdOf(alert.StixId, partner.StixId).ToString(), Now.AddMinutes(3), "Captain Reza Karimi", "Patrols out", "Crossing closed", Now.AddMinutes(3));
                return (AlertCap.AcknowledgementToCap(alert, row, versions), CapMsgType.Ack);
            default:
                return (AlertCap.ToCap(alert, versions), CapMsgType.Alert);
        }
    }

    private static AlertContent Content(AlertArea? area, Precedence precedence) =>
        new(precedence, "Armed group moving towards the crossing", "Twelve armed men in two pickups.", area, area is null ? ["TFT-MJV"] : [],
            Now, Now.AddHours(12), TlpLevel.AmberStrict, []);

    private static AlertArea Circle() => Area("""{"type":"Circle","latitude":28.97,"longitude":61.59,"radius":5000}""");

    private static AlertArea Polygon() => Area("""{"type":"Polygon","coordinates":[[[61.0,28.5],[61.5,28.5],[61.5,29.0],[61.0,29.0],[61.0,28.5]]]}""");

    private static AlertArea Area(string json)
    {
        using var document = JsonDocument.Parse(json);
        return AlertArea.Read(document.RootElement, "area", new Validation()) ?? throw new InvalidOperationException("invalid sample area");
    }
}
