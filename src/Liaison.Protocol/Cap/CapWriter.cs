using System.Globalization;
using System.Text;
using System.Xml;

namespace Liaison.Protocol.Cap;

/// <summary>
/// Writes <see cref="CapAlert"/> as a CAP 1.2 document: UTF-8, namespace <c>urn:oasis:names:tc:emergency:cap:1.2</c>,
/// elements in the order of the OASIS XSD sequences, date-times to the second with an explicit offset (§3.3.2).
/// The alert is checked against <see cref="CapRules"/> first, so nothing invalid is written.
/// </summary>
public static class CapWriter
{
    /// <summary>The media type of a CAP document (CAP 1.2 §3.1: "application/cap+xml" is not registered; XML it is).</summary>
    public const string MediaType = "application/xml";

    /// <summary>Writes the document as UTF-8 bytes.</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>The document.</returns>
    /// <exception cref="CapFormatException">The alert breaks a CAP 1.2 rule.</exception>
    public static byte[] Write(CapAlert alert)
    {
        using var stream = new MemoryStream();
        Write(alert, stream);
        return stream.ToArray();
    }

    /// <summary>Writes the document as text (whose declaration says UTF-8).</summary>
    /// <param name="alert">The alert.</param>
    /// <returns>The document.</returns>
    /// <exception cref="CapFormatException">The alert breaks a CAP 1.2 rule.</exception>
    public static string WriteString(CapAlert alert) => Encoding.UTF8.GetString(Write(alert));

    /// <summary>Writes the document to a stream as UTF-8.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="stream">Where to write.</param>
    /// <exception cref="CapFormatException">The alert breaks a CAP 1.2 rule.</exception>
    public static void Write(CapAlert alert, Stream stream)
    {
        CapRules.Validate(alert);
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, CloseOutput = false };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("alert", CapReader.Namespace);
        Element(xml, "identifier", alert.Identifier);
        Element(xml, "sender", alert.Sender);
        Element(xml, "sent", CapDateTime.Format(alert.Sent));
        Element(xml, "status", alert.Status.ToString());
        Element(xml, "msgType", alert.MsgType.ToString());
        Element(xml, "source", alert.Source);
        Element(xml, "scope", alert.Scope.ToString());
        Element(xml, "restriction", alert.Restriction);
        Element(xml, "addresses", alert.Addresses);
        foreach (var code in alert.Codes)
        {
            Element(xml, "code", code);
        }

        Element(xml, "note", alert.Note);
        if (alert.References.Count > 0)
        {
            Element(xml, "references", string.Join(' ', alert.References));
        }

        if (alert.Incidents.Count > 0)
        {
            Element(xml, "incidents", string.Join(' ', alert.Incidents));
        }

        foreach (var info in alert.Infos)
        {
            WriteInfo(xml, info);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void WriteInfo(XmlWriter xml, CapInfo info)
    {
        xml.WriteStartElement("info", CapReader.Namespace);
        Element(xml, "language", info.Language);
        foreach (var category in info.Categories)
        {
            Element(xml, "category", category.ToString());
        }

        Element(xml, "event", info.Event);
        foreach (var responseType in info.ResponseTypes)
        {
            Element(xml, "responseType", responseType.ToString());
        }

        Element(xml, "urgency", info.Urgency.ToString());
        Element(xml, "severity", info.Severity.ToString());
        Element(xml, "certainty", info.Certainty.ToString());
        Element(xml, "audience", info.Audience);
        Pairs(xml, "eventCode", info.EventCodes);
        Element(xml, "effective", info.Effective is { } effective ? CapDateTime.Format(effective) : null);
        Element(xml, "onset", info.Onset is { } onset ? CapDateTime.Format(onset) : null);
        Element(xml, "expires", info.Expires is { } expires ? CapDateTime.Format(expires) : null);
        Element(xml, "senderName", info.SenderName);
        Element(xml, "headline", info.Headline);
        Element(xml, "description", info.Description);
        Element(xml, "instruction", info.Instruction);
        Element(xml, "web", info.Web);
        Element(xml, "contact", info.Contact);
        Pairs(xml, "parameter", info.Parameters);
        foreach (var resource in info.Resources)
        {
            xml.WriteStartElement("resource", CapReader.Namespace);
            Element(xml, "resourceDesc", resource.ResourceDesc);
            Element(xml, "mimeType", resource.MimeType);
            Element(xml, "size", resource.Size?.ToString(CultureInfo.InvariantCulture));
            Element(xml, "uri", resource.Uri);
            Element(xml, "derefUri", resource.DerefUri);
            Element(xml, "digest", resource.Digest);
            xml.WriteEndElement();
        }

        foreach (var area in info.Areas)
        {
            xml.WriteStartElement("area", CapReader.Namespace);
            Element(xml, "areaDesc", area.AreaDesc);
            foreach (var polygon in area.Polygons)
            {
                Element(xml, "polygon", polygon.ToString());
            }

            foreach (var circle in area.Circles)
            {
                Element(xml, "circle", circle.ToString());
            }

            Pairs(xml, "geocode", area.Geocodes);
            Element(xml, "altitude", area.Altitude?.ToString(CultureInfo.InvariantCulture));
            Element(xml, "ceiling", area.Ceiling?.ToString(CultureInfo.InvariantCulture));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void Pairs(XmlWriter xml, string name, IReadOnlyList<CapValuePair> pairs)
    {
        foreach (var pair in pairs)
        {
            xml.WriteStartElement(name, CapReader.Namespace);
            Element(xml, "valueName", pair.ValueName);
            Element(xml, "value", pair.Value);
            xml.WriteEndElement();
        }
    }

    private static void Element(XmlWriter xml, string name, string? value)
    {
        if (value is not null)
        {
            xml.WriteElementString(name, CapReader.Namespace, value);
        }
    }
}
