using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Liaison.Protocol.Stix;

namespace Liaison.Conformance.Tests.Stix;

/// <summary>The Liaison incident extension as written matches its published JSON Schema (docs/protocol/incident-extension.schema.json).</summary>
[Trait("Category", "Conformance")]
public class IncidentExtensionSchemaTests
{
    internal static readonly Lazy<JsonSchema> Schema = new(Load);

    public static TheoryData<string> Extensions()
    {
        var full = LiaisonObjectsSchemaTests.FullIncident(StixId.NewRandom(Location.TypeName));
        var minimal = full with
        {
            Liaison = new LiaisonIncidentExtension
            {
                Occurred = new IncidentOccurrence { Start = full.Created, Precision = OccurrencePrecision.Day },
                Category = IncidentCategory.Other,
                Status = IncidentStatus.Draft,
                VersionNumber = 1,
            },
        };
        return [.. new[] { full, minimal }.Select(i => ExtensionOf(i).ToJsonString())];
    }

    [Theory]
    [MemberData(nameof(Extensions))]
    public void Extension_ValidatesAgainstThePublishedSchema(string json)
    {
        using var document = JsonDocument.Parse(json);

        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, json);
    }

    [Theory]
    [InlineData("status", "\"retracted\"")]
    [InlineData("retraction_reason", null)]
    [InlineData("category", "\"riot\"")]
    [InlineData("longitude", null)]
    [InlineData("credibility", "7")]
    [InlineData("surprise", "1")]
    public void SchemaCheck_IsNotVacuous_RejectsABrokenExtension(string property, string? valueJson)
    {
        var json = ExtensionOf(LiaisonObjectsSchemaTests.FullIncident(StixId.NewRandom(Location.TypeName)));
        if (property == "status")
        {
            json.Remove("retraction_reason");
        }

        json.Remove(property);
        if (valueJson is not null)
        {
            json[property] = JsonNode.Parse(valueJson);
        }

        if (property == "retraction_reason")
        {
            json["status"] = "published";
            json["retraction_reason"] = "not allowed";
        }

        using var document = JsonDocument.Parse(json.ToJsonString());
        Assert.False(Schema.Value.Evaluate(document.RootElement).IsValid, json.ToJsonString());
    }

    [Fact]
    public void ExtensionDefinition_PointsAtThisSchema()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SchemaPath()));

        Assert.Contains(document.RootElement.GetProperty("$id").GetString()!, LiaisonExtensions.IncidentExtensionSchema, StringComparison.Ordinal);
        Assert.Contains("docs/protocol/incident-extension.schema.json", LiaisonExtensions.IncidentExtensionSchema, StringComparison.Ordinal);
    }

    private static JsonObject ExtensionOf(Incident incident) =>
        incident.ToJson()["extensions"]![LiaisonExtensions.IncidentExtensionId.ToString()]!.AsObject();

    private static JsonSchema Load()
    {
        var root = JsonDocument.Parse(File.ReadAllText(SchemaPath())).RootElement.Clone();
        return JsonSchema.Build(root, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri("urn:liaison:schema:incident-extension:1.0.0"));
    }

    private static string SchemaPath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine(directory.FullName, "docs", "protocol", "incident-extension.schema.json");
            if (File.Exists(Path.Combine(directory.FullName, "Liaison.slnx")) && File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("docs/protocol/incident-extension.schema.json was not found above " + AppContext.BaseDirectory);
    }
}
