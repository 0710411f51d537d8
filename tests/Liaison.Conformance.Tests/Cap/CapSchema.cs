using System.Xml;
using System.Xml.Schema;

namespace Liaison.Conformance.Tests.Cap;

/// <summary>The OASIS CAP 1.2 XSD from the standards folder, and validation of documents against it.</summary>
internal static class CapSchema
{
    private static readonly Lazy<XmlSchemaSet> Schemas = new(Load);

    /// <summary>Validates a document against CAP-v1.2.xsd.</summary>
    /// <returns>The schema errors, one line each; empty when valid.</returns>
    public static IReadOnlyList<string> Validate(byte[] document)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            Schemas = Schemas.Value,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
        };
        settings.ValidationEventHandler += (_, e) =>
        {
            if (e.Severity == XmlSeverityType.Error)
            {
                errors.Add($"line {e.Exception.LineNumber}: {e.Message}");
            }
        };
        using var reader = XmlReader.Create(new MemoryStream(document), settings);
        while (reader.Read())
        {
        }

        return errors;
    }

    private static XmlSchemaSet Load()
    {
        var set = new XmlSchemaSet { XmlResolver = null };
        using var reader = XmlReader.Create(StandardsFolder.Get("cap1.2", "CAP-v1.2.xsd"), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        set.Add("urn:oasis:names:tc:emergency:cap:1.2", reader);
        set.Compile();
        return set;
    }
}
