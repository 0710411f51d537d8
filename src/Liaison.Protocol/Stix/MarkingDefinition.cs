using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// The STIX 2.1 <c>marking-definition</c> object (§7.2.1): a handling or sharing restriction, such as a
/// TLP 2.0 level (see <see cref="Tlp"/>) or a statement. Unlike SDOs it has no <c>modified</c>: a marking
/// definition is never versioned.
/// </summary>
public sealed record MarkingDefinition : IStixObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "marking-definition";

    private readonly StixId _id;

    /// <inheritdoc/>
    public string Type => TypeName;

    /// <inheritdoc/>
    /// <exception cref="ArgumentException">The identifier is not a marking-definition id.</exception>
    public required StixId Id
    {
        get => _id;
        init => _id = value.Type == TypeName
            ? value
            : throw new ArgumentException($"A marking definition needs an id of the form {TypeName}--uuid, not '{value}'.", nameof(Id));
    }

    /// <summary>When the marking definition was created.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>The identity that created it.</summary>
    public StixId? CreatedByRef { get; init; }

    /// <summary>A name, such as <c>TLP:AMBER+STRICT</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The (deprecated in 2.1) marking type, <c>statement</c> or <c>tlp</c>; absent when an extension defines the marking.</summary>
    public string? DefinitionType { get; init; }

    /// <summary>The marking itself for <see cref="DefinitionType"/>, such as <c>{"statement": "…"}</c>.</summary>
    public JsonObject? Definition { get; init; }

    /// <summary>References to information outside STIX.</summary>
    public IReadOnlyList<ExternalReference>? ExternalReferences { get; init; }

    /// <summary>Markings applying to this marking definition.</summary>
    public IReadOnlyList<StixId>? ObjectMarkingRefs { get; init; }

    /// <summary>Extensions keyed by extension-definition id, such as the TLP 2.0 extension holding <c>tlp_2_0</c>.</summary>
    public IReadOnlyDictionary<string, JsonObject>? Extensions { get; init; }

    /// <summary>Reads a marking definition from its STIX 2.1 JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "marking-definition"</c>.</param>
    /// <exception cref="StixFormatException">The object breaks STIX 2.1 §7.2.1; the message names the property.</exception>
    public static MarkingDefinition FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        JsonObject? definition = null;
        if (reader.Has("definition"))
        {
            var element = json.GetProperty("definition");
            definition = element.ValueKind == JsonValueKind.Object
                ? JsonObject.Create(element.Clone())
                : throw reader.Error("definition", $"must be an object, not {element.ValueKind}.");
        }

        var marking = new MarkingDefinition
        {
            Id = reader.RequiredId("id", TypeName),
            Created = reader.RequiredTimestamp("created"),
            CreatedByRef = reader.OptionalId("created_by_ref", Identity.TypeName),
            Name = reader.OptionalString("name"),
            DefinitionType = reader.OptionalString("definition_type"),
            Definition = definition,
            ExternalReferences = reader.OptionalList("external_references", (item, path) => ExternalReference.FromJson(item, path, reader)),
            ObjectMarkingRefs = reader.OptionalIdList("object_marking_refs", TypeName),
            Extensions = reader.OptionalExtensions("extensions", null),
        };

        // §7.2.1: without an extension, definition_type and definition are required, and go together.
        if (marking.Extensions is null && marking.DefinitionType is null)
        {
            throw reader.Error("definition_type", "is required when the marking has no extensions.");
        }

        if ((marking.DefinitionType is null) != (marking.Definition is null))
        {
            throw reader.Error(marking.Definition is null ? "definition" : "definition_type", "definition_type and definition must be given together.");
        }

        return marking;
    }

    /// <inheritdoc/>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["type"] = TypeName,
            ["spec_version"] = StixJson.SpecVersion,
            ["id"] = Id.ToString(),
        };
        json.SetOptional("created_by_ref", CreatedByRef);
        json["created"] = StixTimestamp.Format(Created);
        json.SetOptional("name", Name);
        json.SetOptional("definition_type", DefinitionType);
        if (Definition is not null)
        {
            json["definition"] = Definition.DeepClone();
        }

        json.SetOptional("external_references", ExternalReferences, r => r.ToJson());
        json.SetOptional("object_marking_refs", ObjectMarkingRefs);
        if (Extensions is { Count: > 0 })
        {
            json["extensions"] = new JsonObject(Extensions.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value.DeepClone())));
        }

        return json;
    }
}
