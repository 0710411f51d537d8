using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// The STIX 2.1 <c>threat-actor</c> SDO (§4.17): an individual, group or organisation believed to act with
/// malicious intent. <see cref="ThreatActorTypes"/> is optional in STIX 2.1.
/// </summary>
public sealed record ThreatActor : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "threat-actor";

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>A name identifying the threat actor.</summary>
    public required string Name { get; init; }

    /// <summary>More detail and context.</summary>
    public string? Description { get; init; }

    /// <summary>Its types, from threat-actor-type-ov (§10.25), such as <c>terrorist</c> or <c>crime-syndicate</c>.</summary>
    public IReadOnlyList<string>? ThreatActorTypes { get; init; }

    /// <summary>Other names it is known by.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>When it was first seen.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>When it was last seen; not before <see cref="FirstSeen"/>.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Its roles, from threat-actor-role-ov (§10.24).</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>Its high-level goals.</summary>
    public IReadOnlyList<string>? Goals { get; init; }

    /// <summary>Its skill, from threat-actor-sophistication-ov (§10.26).</summary>
    public string? Sophistication { get; init; }

    /// <summary>Its resource level, from attack-resource-level-ov (§10.3).</summary>
    public string? ResourceLevel { get; init; }

    /// <summary>Its primary motivation, from attack-motivation-ov (§10.2).</summary>
    public string? PrimaryMotivation { get; init; }

    /// <summary>Secondary motivations, from attack-motivation-ov.</summary>
    public IReadOnlyList<string>? SecondaryMotivations { get; init; }

    /// <summary>Personal motivations, from attack-motivation-ov.</summary>
    public IReadOnlyList<string>? PersonalMotivations { get; init; }

    /// <summary>Reads a threat actor from its STIX 2.1 JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "threat-actor"</c>.</param>
    /// <exception cref="StixFormatException">The object breaks STIX 2.1 §4.17; the message names the property.</exception>
    public static ThreatActor FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        var actor = new ThreatActor
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            Name = reader.RequiredString("name"),
            Description = reader.OptionalString("description"),
            ThreatActorTypes = reader.OptionalStringList("threat_actor_types"),
            Aliases = reader.OptionalStringList("aliases"),
            FirstSeen = reader.OptionalTimestamp("first_seen"),
            LastSeen = reader.OptionalTimestamp("last_seen"),
            Roles = reader.OptionalStringList("roles"),
            Goals = reader.OptionalStringList("goals"),
            Sophistication = reader.OptionalString("sophistication"),
            ResourceLevel = reader.OptionalString("resource_level"),
            PrimaryMotivation = reader.OptionalString("primary_motivation"),
            SecondaryMotivations = reader.OptionalStringList("secondary_motivations"),
            PersonalMotivations = reader.OptionalStringList("personal_motivations"),
        };

        // §4.17: last_seen MUST be greater than or equal to first_seen.
        return actor.LastSeen < actor.FirstSeen
            ? throw reader.Error("last_seen", "must not be before first_seen (§4.17).")
            : WithCommonProperties(actor, reader);
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        if (LastSeen < FirstSeen)
        {
            throw new InvalidOperationException($"{Id}: last_seen must not be before first_seen.");
        }

        json["name"] = Name;
        json.SetOptional("description", Description);
        json.SetOptional("threat_actor_types", ThreatActorTypes);
        json.SetOptional("aliases", Aliases);
        json.SetOptional("first_seen", FirstSeen is { } first ? StixTimestamp.Format(first) : null);
        json.SetOptional("last_seen", LastSeen is { } last ? StixTimestamp.Format(last) : null);
        json.SetOptional("roles", Roles);
        json.SetOptional("goals", Goals);
        json.SetOptional("sophistication", Sophistication);
        json.SetOptional("resource_level", ResourceLevel);
        json.SetOptional("primary_motivation", PrimaryMotivation);
        json.SetOptional("secondary_motivations", SecondaryMotivations);
        json.SetOptional("personal_motivations", PersonalMotivations);
    }
}
