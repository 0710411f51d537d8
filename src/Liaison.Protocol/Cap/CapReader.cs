using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Liaison.Protocol.Cap;

/// <summary>
/// Reads CAP 1.2 documents into <see cref="CapAlert"/>, safely: no DTD (so no entity expansion and no external
/// entities), no resolver, a size limit; and strictly, following the OASIS XSD's sequences and enumerations and
/// the rules of the specification (<see cref="CapRules"/>). Every error names the element, e.g.
/// <c>alert/info[1]/urgency: 'Soon' is not one of Immediate, Expected, Future, Past, Unknown</c>.
/// </summary>
public static class CapReader
{
    /// <summary>The CAP 1.2 namespace.</summary>
    public const string Namespace = "urn:oasis:names:tc:emergency:cap:1.2";

    /// <summary>The largest document read by default, in bytes (real national alerts with detailed polygons reach about 1 MB).</summary>
    public const int DefaultMaxBytes = 4 * 1024 * 1024;

    // XML Signature (CAP 1.2 §3.3.4) may follow the info blocks; the XSD allows only that namespace there.
    private const string XmlDsigNamespace = "http://www.w3.org/2000/09/xmldsig#";

    private static readonly XNamespace Cap = Namespace;

    private static readonly Field[] AlertSequence =
    [
        new("identifier", 1, 1), new("sender", 1, 1), new("sent", 1, 1), new("status", 1, 1), new("msgType", 1, 1),
        new("source", 0, 1), new("scope", 1, 1), new("restriction", 0, 1), new("addresses", 0, 1),
        new("code", 0, int.MaxValue), new("note", 0, 1), new("references", 0, 1), new("incidents", 0, 1),
        new("info", 0, int.MaxValue),
    ];

    private static readonly Field[] InfoSequence =
    [
        new("language", 0, 1), new("category", 1, int.MaxValue), new("event", 1, 1), new("responseType", 0, int.MaxValue),
        new("urgency", 1, 1), new("severity", 1, 1), new("certainty", 1, 1), new("audience", 0, 1),
        new("eventCode", 0, int.MaxValue), new("effective", 0, 1), new("onset", 0, 1), new("expires", 0, 1),
        new("senderName", 0, 1), new("headline", 0, 1), new("description", 0, 1), new("instruction", 0, 1),
        new("web", 0, 1), new("contact", 0, 1), new("parameter", 0, int.MaxValue), new("resource", 0, int.MaxValue),
        new("area", 0, int.MaxValue),
    ];

    private static readonly Field[] ResourceSequence =
    [
        new("resourceDesc", 1, 1), new("mimeType", 1, 1), new("size", 0, 1), new("uri", 0, 1), new("derefUri", 0, 1),
        new("digest", 0, 1),
    ];

    private static readonly Field[] AreaSequence =
    [
        new("areaDesc", 1, 1), new("polygon", 0, int.MaxValue), new("circle", 0, int.MaxValue),
        new("geocode", 0, int.MaxValue), new("altitude", 0, 1), new("ceiling", 0, 1),
    ];

    private static readonly Field[] PairSequence = [new("valueName", 1, 1), new("value", 1, 1)];

    /// <summary>Reads a CAP document from its bytes; the encoding comes from the XML declaration.</summary>
    /// <param name="stream">The document.</param>
    /// <param name="maxBytes">The largest document accepted.</param>
    /// <returns>The alert.</returns>
    /// <exception cref="CapFormatException">Not a valid CAP 1.2 alert; the message names the element.</exception>
    public static CapAlert Read(Stream stream, int maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new CapFormatException($"The document is larger than {maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return Parse(XmlReader.Create(buffer, Settings(maxBytes)));
    }

    /// <summary>Reads a CAP document from text.</summary>
    /// <param name="xml">The document.</param>
    /// <param name="maxBytes">The largest document accepted, counted in characters here.</param>
    /// <returns>The alert.</returns>
    /// <exception cref="CapFormatException">Not a valid CAP 1.2 alert; the message names the element.</exception>
    public static CapAlert Read(string xml, int maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > maxBytes)
        {
            throw new CapFormatException($"The document is larger than {maxBytes} characters.");
        }

        using var text = new StringReader(xml);
        return Parse(XmlReader.Create(text, Settings(maxBytes)));
    }

    private static XmlReaderSettings Settings(int maxBytes) => new()
    {
        // A CAP document has no DTD; refusing one rules out entity expansion and external entities (XXE).
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        MaxCharactersInDocument = maxBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private static CapAlert Parse(XmlReader reader)
    {
        XDocument document;
        try
        {
            using (reader)
            {
                document = XDocument.Load(reader);
            }
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new CapFormatException("The document declares a DTD, which CAP 1.2 documents never have; it is refused (no entities are expanded or fetched).", e);
        }
        catch (XmlException e)
        {
            throw new CapFormatException($"The document is not well-formed XML: {e.Message}", e);
        }

        var root = document.Root!;
        if (root.Name != Cap + "alert")
        {
            throw new CapFormatException(
                root.Name.LocalName,
                $"the root element must be 'alert' in namespace {Namespace}, not '{root.Name.LocalName}' in '{root.Name.NamespaceName}'.");
        }

        var alert = ReadAlert(root);
        CapRules.Validate(alert);
        return alert;
    }

    private static CapAlert ReadAlert(XElement element)
    {
        var c = Children.Of(element, "alert", AlertSequence, allowSignature: true);
        return new CapAlert
        {
            Identifier = c.Text("identifier")!,
            Sender = c.Text("sender")!,
            Sent = c.Date("sent")!.Value,
            Status = c.Enum<CapStatus>("status"),
            MsgType = c.Enum<CapMsgType>("msgType"),
            Source = c.Text("source"),
            Scope = c.Enum<CapScope>("scope"),
            Restriction = c.Text("restriction"),
            Addresses = c.Text("addresses"),
            Codes = c.Texts("code"),
            Note = c.Text("note"),
            References = c.Text("references") is { } references ? ParseReferences(c.PathOf("references"), references) : [],
            Incidents = c.Text("incidents") is { } incidents ? SplitSpaces(incidents) : [],
            Infos = [.. c.All("info").Select(x => ReadInfo(x.Element, x.Path))],
        };
    }

    private static CapInfo ReadInfo(XElement element, string path)
    {
        var c = Children.Of(element, path, InfoSequence, allowSignature: false);
        return new CapInfo
        {
            Language = c.Text("language"),
            Categories = [.. c.All("category").Select(x => Children.ParseEnum<CapCategory>(x.Path, Children.TextOf(x.Element, x.Path)))],
            Event = c.Text("event")!,
            ResponseTypes = [.. c.All("responseType").Select(x => Children.ParseEnum<CapResponseType>(x.Path, Children.TextOf(x.Element, x.Path)))],
            Urgency = c.Enum<CapUrgency>("urgency"),
            Severity = c.Enum<CapSeverity>("severity"),
            Certainty = c.Enum<CapCertainty>("certainty"),
            Audience = c.Text("audience"),
            EventCodes = [.. c.All("eventCode").Select(x => ReadPair(x.Element, x.Path))],
            Effective = c.Date("effective"),
            Onset = c.Date("onset"),
            Expires = c.Date("expires"),
            SenderName = c.Text("senderName"),
            Headline = c.Text("headline"),
            Description = c.Text("description"),
            Instruction = c.Text("instruction"),
            Web = c.Text("web"),
            Contact = c.Text("contact"),
            Parameters = [.. c.All("parameter").Select(x => ReadPair(x.Element, x.Path))],
            Resources = [.. c.All("resource").Select(x => ReadResource(x.Element, x.Path))],
            Areas = [.. c.All("area").Select(x => ReadArea(x.Element, x.Path))],
        };
    }

    private static CapResource ReadResource(XElement element, string path)
    {
        var c = Children.Of(element, path, ResourceSequence, allowSignature: false);
        long? size = null;
        if (c.Text("size") is { } sizeText)
        {
            size = long.TryParse(sizeText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bytes) && bytes >= 0
                ? bytes
                : throw new CapFormatException(c.PathOf("size"), $"'{sizeText}' is not a size in bytes.");
        }

        return new CapResource
        {
            ResourceDesc = c.Text("resourceDesc")!,
            MimeType = c.Text("mimeType")!,
            Size = size,
            Uri = c.Text("uri"),
            DerefUri = c.Text("derefUri"),
            Digest = c.Text("digest"),
        };
    }

    private static CapArea ReadArea(XElement element, string path)
    {
        var c = Children.Of(element, path, AreaSequence, allowSignature: false);
        return new CapArea
        {
            AreaDesc = c.Text("areaDesc")!,
            Polygons = [.. c.All("polygon").Select(x => Geometry(x.Path, Children.TextOf(x.Element, x.Path), CapPolygon.Parse))],
            Circles = [.. c.All("circle").Select(x => Geometry(x.Path, Children.TextOf(x.Element, x.Path), CapCircle.Parse))],
            Geocodes = [.. c.All("geocode").Select(x => ReadPair(x.Element, x.Path))],
            Altitude = c.Decimal("altitude"),
            Ceiling = c.Decimal("ceiling"),
        };
    }

    private static CapValuePair ReadPair(XElement element, string path)
    {
        var c = Children.Of(element, path, PairSequence, allowSignature: false);
        return new CapValuePair(c.Text("valueName")!, c.Text("value")!);
    }

    private static T Geometry<T>(string path, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (FormatException e)
        {
            throw new CapFormatException(path, e.Message, e);
        }
    }

    private static List<string> SplitSpaces(string text) => [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];

    private static List<CapReference> ParseReferences(string path, string text)
    {
        // CAP 1.2 §3.2.1: space-delimited "sender,identifier,sent" triples.
        var references = new List<CapReference>();
        foreach (var triple in SplitSpaces(text))
        {
            var parts = triple.Split(',');
            if (parts.Length != 3 || parts[0].Length == 0 || parts[1].Length == 0 || !CapDateTime.TryParse(parts[2], out var sent))
            {
                throw new CapFormatException(path, $"'{triple}' is not 'sender,identifier,sent' with a CAP date-time (CAP 1.2 §3.2.1).");
            }

            references.Add(new CapReference(parts[0], parts[1], sent));
        }

        return references;
    }

    private readonly record struct Field(string Name, int Min, int Max);

    /// <summary>An element's children, checked against an XSD sequence, with their paths.</summary>
    private sealed class Children
    {
        private readonly string _path;
        private readonly Dictionary<string, List<(XElement Element, string Path)>> _byName;

        private Children(string path, Dictionary<string, List<(XElement Element, string Path)>> byName)
        {
            _path = path;
            _byName = byName;
        }

        public static Children Of(XElement parent, string path, Field[] sequence, bool allowSignature)
        {
            if (parent.Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value)))
            {
                throw new CapFormatException(path, "must hold elements only, not text.");
            }

            var byName = sequence.ToDictionary(f => f.Name, _ => new List<(XElement, string)>());
            var position = 0;
            var signed = false;
            foreach (var child in parent.Elements())
            {
                if (allowSignature && child.Name.NamespaceName == XmlDsigNamespace)
                {
                    signed = true;
                    continue;
                }

                var name = child.Name.LocalName;
                var index = Array.FindIndex(sequence, f => f.Name == name);
                if (child.Name.Namespace != Cap || index < 0)
                {
                    throw new CapFormatException($"{path}/{name}", $"is not a CAP 1.2 element here (expected one of {string.Join(", ", sequence.Select(f => f.Name))}).");
                }

                if (index < position || signed)
                {
                    throw new CapFormatException(
                        $"{path}/{name}",
                        $"is out of order: CAP 1.2 puts the elements in the order {string.Join(", ", sequence.Select(f => f.Name))}.");
                }

                position = index;
                var list = byName[name];
                var field = sequence[index];
                if (list.Count == field.Max)
                {
                    throw new CapFormatException($"{path}/{name}", "may appear only once.");
                }

                list.Add((child, field.Max == 1 ? $"{path}/{name}" : $"{path}/{name}[{list.Count + 1}]"));
            }

            foreach (var field in sequence)
            {
                if (byName[field.Name].Count < field.Min)
                {
                    throw new CapFormatException($"{path}/{field.Name}", "is required but missing.");
                }
            }

            return new Children(path, byName);
        }

        public string PathOf(string name) => $"{_path}/{name}";

        public List<(XElement Element, string Path)> All(string name) => _byName[name];

        public string? Text(string name) => _byName[name] is [var only] ? TextOf(only.Element, only.Path) : null;

        public List<string> Texts(string name) => [.. _byName[name].Select(x => TextOf(x.Element, x.Path))];

        public T Enum<T>(string name)
            where T : struct, System.Enum => ParseEnum<T>(PathOf(name), Text(name)!);

        public DateTimeOffset? Date(string name)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }

            return CapDateTime.TryParse(text.Trim(), out var value)
                ? value
                : throw new CapFormatException(
                    PathOf(name),
                    $"'{text}' is not a CAP date-time such as 2002-05-24T16:49:00-07:00 (explicit offset, no fractional seconds; CAP 1.2 §3.3.2).");
        }

        public decimal? Decimal(string name)
        {
            if (Text(name) is not { } text)
            {
                return null;
            }

            return decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw new CapFormatException(PathOf(name), $"'{text}' is not a decimal number.");
        }

        public static string TextOf(XElement element, string path) =>
            element.HasElements ? throw new CapFormatException(path, "must hold text only, not elements.") : element.Value;

        public static T ParseEnum<T>(string path, string text)
            where T : struct, System.Enum
        {
            var names = System.Enum.GetNames<T>();
            var trimmed = text.Trim();
            return names.Contains(trimmed, StringComparer.Ordinal)
                ? System.Enum.Parse<T>(trimmed)
                : throw new CapFormatException(path, $"'{text}' is not one of {string.Join(", ", names)}.");
        }
    }
}
