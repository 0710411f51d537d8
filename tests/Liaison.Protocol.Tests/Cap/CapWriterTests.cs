using System.Xml.Linq;
using Liaison.Protocol.Cap;

namespace Liaison.Protocol.Tests.Cap;

public class CapWriterTests
{
    private static readonly XNamespace Cap = CapReader.Namespace;

    [Fact]
    public void Write_UsesTheCapNamespace_AndTheXsdOrder()
    {
        var document = XDocument.Parse(CapWriter.WriteString(Sample()));

        Assert.Equal(Cap + "alert", document.Root!.Name);
        Assert.Equal(
            ["identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction", "code", "note", "references", "incidents", "info"],
            document.Root.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(
            ["language", "category", "event", "responseType", "urgency", "severity", "certainty", "eventCode", "effective", "expires", "headline", "description", "parameter", "area"],
            document.Root.Element(Cap + "info")!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal(
            ["areaDesc", "polygon", "circle", "geocode", "altitude", "ceiling"],
            document.Descendants(Cap + "area").Single().Elements().Select(e => e.Name.LocalName));
    }

    [Fact]
    public void Write_DateTimes_HaveAnExplicitOffset_AndNoFractionalSeconds()
    {
        var alert = Sample() with { Sent = new DateTimeOffset(2026, 11, 28, 9, 30, 15, 678, TimeSpan.FromHours(4.5)) };

        var document = XDocument.Parse(CapWriter.WriteString(alert));

        Assert.Equal("2026-11-28T09:30:15+04:30", document.Root!.Element(Cap + "sent")!.Value);
        Assert.Equal("2026-11-28T12:00:00-00:00", document.Descendants(Cap + "expires").Single().Value);
    }

    [Theory]
    [InlineData(0, "2026-01-02T03:04:05-00:00")]
    [InlineData(-5, "2026-01-02T03:04:05-05:00")]
    [InlineData(5, "2026-01-02T03:04:05+05:00")]
    public void Format_WritesUtcAsMinusZero(int hours, string expected)
    {
        Assert.Equal(expected, CapDateTime.Format(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(hours))));
    }

    [Fact]
    public void Write_ThenRead_GivesTheSameAlert()
    {
        var alert = Sample();

        var again = CapReader.Read(CapWriter.WriteString(alert));

        Assert.Equal(CapWriter.WriteString(alert), CapWriter.WriteString(again));
        Assert.Equal(alert.References, again.References);
        Assert.Equal(alert.Infos[0].Areas[0].Polygons, again.Infos[0].Areas[0].Polygons);
        Assert.Equal(alert.Infos[0].Areas[0].Circles[0].ToString(), again.Infos[0].Areas[0].Circles[0].ToString());
        Assert.Equal(alert.Sent, again.Sent);
    }

    [Fact]
    public void Write_EscapesMarkupInText()
    {
        var alert = Sample() with { Note = "a < b & c" };

        Assert.Equal("a < b & c", CapReader.Read(CapWriter.WriteString(alert)).Note);
    }

    [Fact]
    public void Write_RestrictedWithoutRestriction_IsRefused()
    {
        var error = Assert.Throws<CapFormatException>(() => CapWriter.Write(Sample() with { Restriction = null }));

        Assert.Equal("alert/restriction", error.Path);
    }

    [Fact]
    public void Polygon_OpenOrShort_IsRefused()
    {
        Assert.Throws<FormatException>(() => new CapPolygon([new(1, 1), new(1, 2), new(2, 2), new(2, 1)]));
        Assert.Throws<FormatException>(() => new CapPolygon([new(1, 1), new(1, 2), new(1, 1)]));
    }

    [Fact]
    public void Circle_NegativeRadius_IsRefused()
    {
        Assert.Throws<FormatException>(() => new CapCircle(new CapPoint(1, 1), -1));
    }

    private static CapAlert Sample() => new()
    {
        Identifier = "liaison-alert--6f1c3a44-7a47-4c8e-9a3e-1c2b3d4e5f60",
        Sender = "pk.liaison.example",
        Sent = new DateTimeOffset(2026, 11, 28, 9, 30, 15, TimeSpan.FromHours(5)),
        Status = CapStatus.Actual,
        MsgType = CapMsgType.Update,
        Source = "desk",
        Scope = CapScope.Restricted,
        Restriction = "TLP:AMBER",
        Codes = ["liaison"],
        Note = "revision 2",
        References = [new CapReference("pk.liaison.example", "liaison-alert--6f1c3a44-7a47-4c8e-9a3e-1c2b3d4e5f60", new DateTimeOffset(2026, 11, 28, 8, 0, 0, TimeSpan.FromHours(5)))],
        Incidents = ["incident--1"],
        Infos =
        [
            new CapInfo
            {
                Language = "en",
                Categories = [CapCategory.Security],
                Event = "Armed group crossing",
                ResponseTypes = [CapResponseType.Monitor],
                Urgency = CapUrgency.Immediate,
                Severity = CapSeverity.Extreme,
                Certainty = CapCertainty.Likely,
                EventCodes = [new CapValuePair("liaison-precedence", "FLASH")],
                Effective = new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.FromHours(5)),
                Expires = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero),
                Headline = "Convoy",
                Description = "Two trucks heading north.",
                Parameters = [new CapValuePair("sector", "S7")],
                Areas =
                [
                    new CapArea
                    {
                        AreaDesc = "Sector 7",
                        Polygons = [new CapPolygon([new(29.0, 61.0), new(29.0, 61.25), new(29.125, 61.25), new(29.0, 61.0)])],
                        Circles = [new CapCircle(new CapPoint(29.05, 61.1), 2.5)],
                        Geocodes = [new CapValuePair("sector", "S7")],
                        Altitude = 100m,
                        Ceiling = 2000.50m,
                    },
                ],
            },
        ],
    };
}
