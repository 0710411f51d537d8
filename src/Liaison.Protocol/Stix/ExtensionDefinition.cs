using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// The STIX 2.1 <c>extension-definition</c> object (§7.3): describes an extension, such as new properties
/// on an existing type (<c>property-extension</c>) or an entirely new object type (<c>new-sdo</c>).
/// </summary>
public sealed record ExtensionDefinition : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "extension-definition";

    /// <summary>The extension types of §7.3 (<c>extension-type-enum</c>).</summary>
    public static readonly IReadOnlySet<string> ExtensionTypeNames = new HashSet<string>(
        ["new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension"],
        StringComparer.Ordinal);

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>A name for display.</summary>
    public required string Name { get; init; }

    /// <summary>What the extension conveys and how it is meant to be used.</summary>
    public string? Description { get; init; }

    /// <summary>The normative definition of the extension: a URL, or plain text explaining it.</summary>
    public required string Schema { get; init; }

    /// <summary>The version of the extension, such as <c>1.0.0</c>.</summary>
    public required string Version { get; init; }

    /// <summary>Which extension types the extension holds, from <see cref="ExtensionTypeNames"/>; at least one.</summary>
    public required IReadOnlyList<string> ExtensionTypes { get; init; }

    /// <summary>The top-level property names it adds; only with <c>toplevel-property-extension</c>.</summary>
    public IReadOnlyList<string>? ExtensionProperties { get; init; }

    /// <summary>Reads an extension definition from its STIX 2.1 JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "extension-definition"</c>.</param>
    /// <exception cref="StixFormatException">The object breaks STIX 2.1 §7.3; the message names the property.</exception>
    public static ExtensionDefinition FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        var types = reader.OptionalStringList("extension_types") ?? throw reader.Error("extension_types", "is required.");
        for (var i = 0; i < types.Count; i++)
        {
            if (!ExtensionTypeNames.Contains(types[i]))
            {
                throw reader.Error($"extension_types[{i}]", $"'{types[i]}' is not one of {string.Join(", ", ExtensionTypeNames)}.");
            }
        }

        var properties = reader.OptionalStringList("extension_properties");
        if (properties is not null && !types.Contains("toplevel-property-extension"))
        {
            throw reader.Error("extension_properties", "is only allowed with the toplevel-property-extension type.");
        }

        var definition = new ExtensionDefinition
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            Name = reader.RequiredString("name"),
            Description = reader.OptionalString("description"),
            Schema = reader.RequiredString("schema"),
            Version = reader.RequiredString("version"),
            ExtensionTypes = types,
            ExtensionProperties = properties,
        };
        definition = WithCommonProperties(definition, reader);

        // §7.3: created_by_ref is required on an extension definition.
        return definition.CreatedByRef is null ? throw reader.Error("created_by_ref", "is required on an extension definition (STIX 2.1 §7.3).") : definition;
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        if (ExtensionTypes.Count == 0 || ExtensionTypes.Any(t => !ExtensionTypeNames.Contains(t)))
        {
            throw new InvalidOperationException($"{Id}: extension_types must hold at least one of {string.Join(", ", ExtensionTypeNames)}.");
        }

        json["name"] = Name;
        json.SetOptional("description", Description);
        json["schema"] = Schema;
        json["version"] = Version;
        json.SetOptional("extension_types", ExtensionTypes);
        json.SetOptional("extension_properties", ExtensionProperties);
    }
}
