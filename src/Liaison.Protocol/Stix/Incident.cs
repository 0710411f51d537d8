using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// The STIX 2.1 <c>incident</c> SDO (§4.6), a stub in the specification, with Liaison's property
/// extension (<see cref="LiaisonIncidentExtension"/>) under <c>extensions</c>.
/// </summary>
public sealed record Incident : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "incident";

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>A name identifying the incident.</summary>
    public required string Name { get; init; }

    /// <summary>More detail and context.</summary>
    public string? Description { get; init; }

    /// <summary>The kill-chain phases the incident belongs to.</summary>
    public IReadOnlyList<KillChainPhase>? KillChainPhases { get; init; }

    /// <summary>
    /// Liaison's properties, written under <c>extensions["extension-definition--c95bbe37-…"]</c>
    /// (<see cref="LiaisonExtensions.IncidentExtensionId"/>); <see langword="null"/> for an incident from another producer.
    /// </summary>
    public LiaisonIncidentExtension? Liaison { get; init; }

    /// <summary>Reads an incident from its STIX 2.1 JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "incident"</c>.</param>
    /// <exception cref="StixFormatException">The object or its Liaison extension is malformed; the message names the property.</exception>
    public static Incident FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        var extensionKey = LiaisonExtensions.IncidentExtensionId.ToString();
        var extensions = reader.OptionalNested("extensions");
        LiaisonIncidentExtension? liaison = null;
        if (extensions?.OptionalNested(extensionKey) is { } extension)
        {
            liaison = LiaisonIncidentExtension.FromJson(extension);
        }

        var incident = new Incident
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            Name = reader.RequiredString("name"),
            Description = reader.OptionalString("description"),
            KillChainPhases = reader.OptionalObjectList("kill_chain_phases", KillChainPhase.FromJson),
            Liaison = liaison,
        };
        return WithCommonProperties(incident, reader, extensionKey);
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        json["name"] = Name;
        json.SetOptional("description", Description);
        json.SetOptional("kill_chain_phases", KillChainPhases, p => p.ToJson());
    }

    private protected override void WriteExtensions(JsonObject extensions)
    {
        if (Liaison is not null)
        {
            extensions[LiaisonExtensions.IncidentExtensionId.ToString()] = Liaison.ToJson(Id);
        }
    }
}
