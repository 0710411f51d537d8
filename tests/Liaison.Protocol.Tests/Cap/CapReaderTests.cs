using System.Text;
using Liaison.Protocol.Cap;

namespace Liaison.Protocol.Tests.Cap;

public class CapReaderTests
{
    private const string Minimal = """
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>KSTO1055887203</identifier>
          <sender>KSTO@NWS.NOAA.GOV</sender>
          <sent>2003-06-17T14:57:00-07:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <info>
            <category>Met</category>
            <event>SEVERE THUNDERSTORM</event>
            <responseType>Shelter</responseType>
            <urgency>Immediate</urgency>
            <severity>Severe</severity>
            <certainty>Observed</certainty>
            <area>
              <areaDesc>EXTREME NORTH CENTRAL TUOLUMNE COUNTY</areaDesc>
              <polygon>38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14</polygon>
              <circle>32.9525,-115.5527 0</circle>
              <geocode><valueName>SAME</valueName><value>006109</value></geocode>
            </area>
          </info>
        </alert>
        """;

    [Fact]
    public void Read_Minimal_FillsTheModel()
    {
        var alert = CapReader.Read(Minimal);

        Assert.Equal("KSTO1055887203", alert.Identifier);
        Assert.Equal(new DateTimeOffset(2003, 6, 17, 14, 57, 0, TimeSpan.FromHours(-7)), alert.Sent);
        Assert.Equal(CapMsgType.Alert, alert.MsgType);
        Assert.Equal(CapScope.Public, alert.Scope);
        var info = Assert.Single(alert.Infos);
        Assert.Equal([CapCategory.Met], info.Categories);
        Assert.Equal(CapUrgency.Immediate, info.Urgency);
        var area = Assert.Single(info.Areas);
        Assert.Equal(5, Assert.Single(area.Polygons).Points.Count);
        Assert.Equal(new CapPoint(32.9525, -115.5527), Assert.Single(area.Circles).Center);
        Assert.Equal(new CapValuePair("SAME", "006109"), Assert.Single(area.Geocodes));
    }

    [Theory]
    [InlineData("<urgency>Immediate</urgency>", "<urgency>Soon</urgency>", "alert/info[1]/urgency: 'Soon' is not one of Immediate, Expected, Future, Past, Unknown.")]
    [InlineData("<scope>Public</scope>", "", "alert/scope: is required but missing.")]
    [InlineData("<severity>Severe</severity>", "", "alert/info[1]/severity: is required but missing.")]
    [InlineData("<category>Met</category>", "", "alert/info[1]/category: is required but missing.")]
    [InlineData("<msgType>Alert</msgType>", "<msgType>Notice</msgType>", "alert/msgType: 'Notice' is not one of Alert, Update, Cancel, Ack, Error.")]
    [InlineData("-07:00</sent>", "Z</sent>", "alert/sent: '2003-06-17T14:57:00Z' is not a CAP date-time")]
    [InlineData("14:57:00-07:00</sent>", "14:57:00.5-07:00</sent>", "alert/sent: ")]
    [InlineData("<identifier>KSTO1055887203</identifier>", "<identifier>KSTO 1055887203</identifier>", "alert/identifier: 'KSTO 1055887203' must not contain spaces")]
    [InlineData(" 38.47,-120.14</polygon>", "</polygon>", "alert/info[1]/area[1]/polygon[1]: the polygon is not closed")]
    [InlineData("38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14", "38.47,-120.14 38.34,-119.95 38.47,-120.14", "alert/info[1]/area[1]/polygon[1]: a polygon needs at least 4 points")]
    [InlineData("<circle>32.9525,-115.5527 0</circle>", "<circle>32.9525,-115.5527</circle>", "alert/info[1]/area[1]/circle[1]: '32.9525,-115.5527' is not 'latitude,longitude radius'.")]
    [InlineData("<circle>32.9525,-115.5527 0</circle>", "<circle>92.9525,-115.5527 1</circle>", "alert/info[1]/area[1]/circle[1]: '92.9525,-115.5527' is out of range")]
    [InlineData("<scope>Public</scope>", "<scope>Restricted</scope>", "alert/restriction: is required when scope is Restricted")]
    [InlineData("<scope>Public</scope>", "<scope>Private</scope>", "alert/addresses: is required when scope is Private")]
    [InlineData("<scope>Public</scope>", "<scope>Public</scope><references>a,b</references>", "alert/references: 'a,b' is not 'sender,identifier,sent'")]
    [InlineData("<event>SEVERE THUNDERSTORM</event>", "<event>SEVERE THUNDERSTORM</event><event>again</event>", "alert/info[1]/event: may appear only once.")]
    [InlineData("<category>Met</category>\n    <event>SEVERE THUNDERSTORM</event>", "<event>SEVERE THUNDERSTORM</event><category>Met</category>", "alert/info[1]/category: is out of order")]
    [InlineData("<areaDesc>", "<colour>red</colour><areaDesc>", "alert/info[1]/area[1]/colour: is not a CAP 1.2 element here")]
    [InlineData("<value>006109</value>", "", "alert/info[1]/area[1]/geocode[1]/value: is required but missing.")]
    [InlineData("</geocode>", "</geocode><ceiling>100</ceiling>", "alert/info[1]/area[1]/ceiling: must not be used without altitude")]
    public void Read_BrokenDocument_IsRefused_NamingTheElement(string replace, string with, string expected)
    {
        var xml = Minimal.Replace(replace, with, StringComparison.Ordinal);
        Assert.NotEqual(Minimal, xml);

        var error = Assert.Throws<CapFormatException>(() => CapReader.Read(xml));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(error.Path!, expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ReferencesAndIncidents_AreSplit()
    {
        var xml = Minimal.Replace(
            "<scope>Public</scope>",
            "<scope>Public</scope><references>a@b,ID-1,2003-06-17T14:00:00-07:00 a@b,ID-2,2003-06-17T14:30:00+00:00</references><incidents>i1 i2</incidents>",
            StringComparison.Ordinal);

        var alert = CapReader.Read(xml);

        Assert.Equal(
            [
                new CapReference("a@b", "ID-1", new DateTimeOffset(2003, 6, 17, 14, 0, 0, TimeSpan.FromHours(-7))),
                new CapReference("a@b", "ID-2", new DateTimeOffset(2003, 6, 17, 14, 30, 0, TimeSpan.Zero)),
            ],
            alert.References);
        Assert.Equal(["i1", "i2"], alert.Incidents);
    }

    [Fact]
    public void Read_XmlSignatureAfterInfo_IsIgnored()
    {
        var xml = Minimal.Replace("</alert>", "<Signature xmlns=\"http://www.w3.org/2000/09/xmldsig#\"><SignedInfo/></Signature></alert>", StringComparison.Ordinal);

        Assert.Single(CapReader.Read(xml).Infos);
    }

    [Fact]
    public void Read_WrongNamespace_IsRefused()
    {
        var xml = Minimal.Replace("cap:1.2", "cap:1.1", StringComparison.Ordinal);

        var error = Assert.Throws<CapFormatException>(() => CapReader.Read(xml));

        Assert.Equal("alert", error.Path);
    }

    [Fact]
    public void Read_DocumentWithAnExternalEntity_IsRefusedWithoutFetchingIt()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"cap-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "SECRET");
        try
        {
            var xml = $"""
                <?xml version="1.0"?>
                <!DOCTYPE alert [<!ENTITY xxe SYSTEM "file://{secret}">]>
                {Minimal[(Minimal.IndexOf("<alert", StringComparison.Ordinal))..].Replace("<note>", "", StringComparison.Ordinal).Replace("<source>", "", StringComparison.Ordinal).Replace("KSTO1055887203", "&xxe;", StringComparison.Ordinal)}
                """;

            var error = Assert.Throws<CapFormatException>(() => CapReader.Read(xml));

            Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Read_EntityExpansionBomb_IsRefused()
    {
        const string Bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&lol2;</identifier></alert>
            """;

        Assert.Throws<CapFormatException>(() => CapReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Bomb))));
    }

    [Fact]
    public void Read_DocumentOverTheSizeLimit_IsRefused()
    {
        var bytes = Encoding.UTF8.GetBytes(Minimal);

        var error = Assert.Throws<CapFormatException>(() => CapReader.Read(new MemoryStream(bytes), maxBytes: 100));

        Assert.Contains("larger than 100 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NotXml_IsRefused()
    {
        var error = Assert.Throws<CapFormatException>(() => CapReader.Read("{\"json\": true}"));

        Assert.Null(error.Path);
    }

    [Fact]
    public void Read_Latin1Document_DecodesByItsDeclaration()
    {
        var xml = Minimal.Replace("UTF-8", "ISO-8859-1", StringComparison.Ordinal).Replace("SEVERE THUNDERSTORM", "Séisme", StringComparison.Ordinal);

        var alert = CapReader.Read(new MemoryStream(Encoding.Latin1.GetBytes(xml)));

        Assert.Equal("Séisme", alert.Infos[0].Event);
    }
}
