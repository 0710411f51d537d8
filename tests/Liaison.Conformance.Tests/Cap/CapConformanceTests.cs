using System.Text;
using Liaison.Protocol.Cap;

namespace Liaison.Conformance.Tests.Cap;

/// <summary>
/// Liaison's CAP 1.2 reader and writer against the OASIS XSD and real-world examples: every valid example reads,
/// every invalid one is refused naming the element, and everything written validates against CAP-v1.2.xsd.
/// </summary>
public class CapConformanceTests
{
    public static TheoryData<string> ValidExamples() => Examples("valid");

    public static TheoryData<string> InvalidExamples() => Examples("invalid");

    [Fact]
    public void ExampleFolders_AreNotEmpty()
    {
        Assert.NotEmpty(ValidExamples());
        Assert.NotEmpty(InvalidExamples());
    }

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void ValidExample_IsValidAgainstTheXsd(string file)
    {
        // Guards the premise of the next tests: the example really is schema-valid.
        Assert.Empty(CapSchema.Validate(File.ReadAllBytes(Path(file, "valid"))));
    }

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void ValidExample_Imports(string file)
    {
        using var stream = File.OpenRead(Path(file, "valid"));

        var alert = CapReader.Read(stream);

        Assert.False(string.IsNullOrEmpty(alert.Identifier));
        Assert.False(string.IsNullOrEmpty(alert.Sender));
    }

    [Theory]
    [MemberData(nameof(ValidExamples))]
    public void ValidExample_RoundTrips_AndTheOutputValidatesAgainstTheXsd(string file)
    {
        using var stream = File.OpenRead(Path(file, "valid"));
        var alert = CapReader.Read(stream);

        var written = CapWriter.Write(alert);

        Assert.Empty(CapSchema.Validate(written));
        var again = CapReader.Read(new MemoryStream(written));
        Assert.Equal(CapWriter.WriteString(alert), CapWriter.WriteString(again));
        Assert.Equal(alert.Infos.Count, again.Infos.Count);
        Assert.Equal(alert.References, again.References);
    }

    [Theory]
    [MemberData(nameof(InvalidExamples))]
    public void InvalidExample_IsRefused_NamingTheElement(string file)
    {
        var bytes = File.ReadAllBytes(Path(file, "invalid"));
        Assert.NotEmpty(CapSchema.Validate(bytes));

        var error = Assert.Throws<CapFormatException>(() => CapReader.Read(new MemoryStream(bytes)));

        Assert.NotNull(error.Path);
        Assert.StartsWith("alert", error.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("google_testdata_invalid.cap", "alert/scope")]
    [InlineData("wmo_bf_invalid_schema.xml", "alert/info[1]/severity")]
    [InlineData("wmo_tg_invalid_schema.xml", "alert/info[1]/certainty")]
    public void InvalidExample_NamesTheMissingElement(string file, string path)
    {
        var error = Assert.Throws<CapFormatException>(() => CapReader.Read(File.OpenRead(Path(file, "invalid"))));

        Assert.Equal(path, error.Path);
    }

    [Theory]
    [MemberData(nameof(WrittenAlerts))]
    public void WrittenDocument_ValidatesAgainstTheXsd(string name, CapAlert alert)
    {
        var written = CapWriter.Write(alert);

        Assert.True(CapSchema.Validate(written) is [], $"{name}: {string.Join("; ", CapSchema.Validate(written))}\n{Encoding.UTF8.GetString(written)}");
        Assert.Equal(CapWriter.WriteString(alert), CapWriter.WriteString(CapReader.Read(new MemoryStream(written))));
    }

    public static TheoryData<string, CapAlert> WrittenAlerts()
    {
        var sent = new DateTimeOffset(2026, 11, 28, 9, 30, 15, TimeSpan.FromHours(5));
        var first = Alert("alert-1", CapMsgType.Alert, sent) with
        {
            Infos = [Info() with { Areas = [new CapArea { AreaDesc = "Sector 7", Polygons = [Square()] }] }],
        };
        var update = Alert("alert-2", CapMsgType.Update, sent.AddHours(1)) with
        {
            References = [new CapReference("pk.liaison.example", "alert-1", sent)],
            Infos = [Info() with { Areas = [new CapArea { AreaDesc = "Crossing 3", Circles = [new CapCircle(new CapPoint(29.1, 61.5), 2.5)] }] }],
        };
        var cancel = Alert("alert-3", CapMsgType.Cancel, sent.AddHours(2)) with
        {
            Note = "False report.",
            References = [new CapReference("pk.liaison.example", "alert-1", sent), new CapReference("pk.liaison.example", "alert-2", sent.AddHours(1))],
        };
        var ack = Alert("ack-1", CapMsgType.Ack, new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(3.5))) with
        {
            Sender = "ir.liaison.example",
            References = [new CapReference("pk.liaison.example", "alert-1", sent)],
        };
        var everything = first with
        {
            Identifier = "alert-4",
            Source = "desk",
            Scope = CapScope.Private,
            Restriction = null,
            Addresses = "ir.liaison.example \"desk two\"",
            Codes = ["liaison", "tlp:amber"],
            Incidents = ["incident-1", "incident-2"],
            Infos =
            [
                Info() with
                {
                    Language = "fa-IR",
                    ResponseTypes = [CapResponseType.Monitor, CapResponseType.Avoid],
                    Audience = "Border posts",
                    EventCodes = [new CapValuePair("liaison", "smuggling")],
                    Effective = sent,
                    Onset = sent.AddMinutes(30),
                    Expires = sent.ToUniversalTime().AddHours(6),
                    SenderName = "Pakistan border desk",
                    Headline = "Convoy & crossing <tonight>",
                    Description = "Two trucks.",
                    Instruction = "Watch crossing 3.",
                    Web = "https://liaison.example/alerts/1",
                    Contact = "Duty officer",
                    Parameters = [new CapValuePair("precedence", "FLASH")],
                    Resources = [new CapResource { ResourceDesc = "Photo", MimeType = "image/jpeg", Size = 1024, Uri = "https://liaison.example/p.jpg", Digest = "abc" }],
                    Areas =
                    [
                        new CapArea
                        {
                            AreaDesc = "Both",
                            Polygons = [Square()],
                            Circles = [new CapCircle(new CapPoint(-10.5, 170.25), 0)],
                            Geocodes = [new CapValuePair("sector", "S7")],
                            Altitude = 1000.5m,
                            Ceiling = 3000m,
                        },
                    ],
                },
            ],
        };
        return new TheoryData<string, CapAlert>
        {
            { "polygon", first },
            { "update with circle", update },
            { "cancel", cancel },
            { "ack", ack },
            { "every element", everything },
        };
    }

    private static CapAlert Alert(string identifier, CapMsgType msgType, DateTimeOffset sent) => new()
    {
        Identifier = identifier,
        Sender = "pk.liaison.example",
        Sent = sent,
        Status = CapStatus.Actual,
        MsgType = msgType,
        Scope = CapScope.Restricted,
        Restriction = "TLP:AMBER",
    };

    private static CapInfo Info() => new()
    {
        Categories = [CapCategory.Security],
        Event = "Armed group crossing",
        Urgency = CapUrgency.Immediate,
        Severity = CapSeverity.Severe,
        Certainty = CapCertainty.Likely,
    };

    private static CapPolygon Square() =>
        new([new(29.0, 61.0), new(29.0, 61.2), new(29.2, 61.2), new(29.2, 61.0), new(29.0, 61.0)]);

    private static TheoryData<string> Examples(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(StandardsFolder.Get("cap1.2", "examples", kind)).Order(StringComparer.Ordinal))
        {
            data.Add(System.IO.Path.GetFileName(file));
        }

        return data;
    }

    private static string Path(string file, string kind) => StandardsFolder.Get("cap1.2", "examples", kind, file);
}
