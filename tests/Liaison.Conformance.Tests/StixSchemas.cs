using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Liaison.Conformance.Tests;

/// <summary>
/// The OASIS STIX 2.1 JSON schemas, every file registered under its absolute <c>$id</c> so that
/// the relative <c>$ref</c>s between them ("../common/core.json") resolve without a network.
/// </summary>
internal sealed class StixSchemas
{
    private static readonly Lazy<StixSchemas> Loaded = new(Load);

    private readonly string _schemasFolder;
    private readonly Dictionary<string, JsonSchema> _byRelativePath;

    private StixSchemas(string schemasFolder, Dictionary<string, JsonSchema> byRelativePath)
    {
        _schemasFolder = schemasFolder;
        _byRelativePath = byRelativePath;
    }

    public static StixSchemas Instance => Loaded.Value;

    /// <summary>Validates a JSON value against a schema named by its path under <c>stix2.1/schemas</c>.</summary>
    /// <returns>The failures, one line each (schema location, instance location, message); empty when valid.</returns>
    public IReadOnlyList<string> Validate(string schemaPath, JsonNode instance)
    {
        if (!_byRelativePath.TryGetValue(schemaPath, out var schema))
        {
            throw new InvalidOperationException($"No schema '{schemaPath}' under '{_schemasFolder}'.");
        }

        using var document = JsonDocument.Parse(instance.ToJsonString());
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var failures = new List<string>();
        CollectFailures(results, failures);
        return failures;
    }

    // Only failures on a path of failing nodes matter: a failed "anyOf" branch under a passing
    // "anyOf", or the failed subschema that makes a "not" pass, is expected.
    private static void CollectFailures(EvaluationResults node, List<string> failures)
    {
        if (node.IsValid || node.EvaluationPath.ToString().EndsWith("/not", StringComparison.Ordinal))
        {
            return;
        }

        var before = failures.Count;
        foreach (var (keyword, message) in node.Errors ?? new Dictionary<string, string>())
        {
            failures.Add($"{node.SchemaLocation} at '{node.InstanceLocation}': {keyword}: {message}");
        }

        foreach (var child in node.Details ?? [])
        {
            CollectFailures(child, failures);
        }

        // A failing "not" leaves no message: its subschema passed, and the node holding it just fails.
        // Report the node itself, so an invalid instance never yields an empty failure list.
        if (failures.Count == before)
        {
            failures.Add($"{node.SchemaLocation} at '{node.InstanceLocation}': fails (a \"not\" subschema matched)");
        }
    }

    private static StixSchemas Load()
    {
        var folder = StandardsFolder.Get("stix2.1", "schemas");
        var files = Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories);
        var registry = new SchemaRegistry();
        var options = new BuildOptions { SchemaRegistry = registry };

        var documents = files.ToDictionary(
            file => System.IO.Path.GetRelativePath(folder, file).Replace('\\', '/'),
            file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.Clone());

        var schemas = documents.ToDictionary(
            d => d.Key,
            d => JsonSchema.Build(d.Value, options, IdOf(d.Value, d.Key)));
        return new StixSchemas(folder, schemas);
    }

    private static Uri IdOf(JsonElement root, string relativePath) =>
        root.TryGetProperty("$id", out var id) && Uri.TryCreate(id.GetString(), UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"Schema '{relativePath}' has no absolute $id.");
}
