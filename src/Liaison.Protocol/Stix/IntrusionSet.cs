using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// The STIX 2.1 <c>intrusion-set</c> SDO (§4.9): a grouped set of adversarial behaviour and resources with
/// common properties believed to be orchestrated by a single organisation.
/// </summary>
public sealed record IntrusionSet : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "intrusion-set";

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>A name identifying the intrusion set.</summary>
    public required string Name { get; init; }

    /// <summary>More detail and context.</summary>
    public string? Description { get; init; }

    /// <summary>Other names it is known by.</summary>
    public IReadOnlyList<string>? Aliases { get; init; }

    /// <summary>When it was first seen.</summary>
    public DateTimeOffset? FirstSeen { get; init; }

    /// <summary>When it was last seen; not before <see cref="FirstSeen"/>.</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>Its high-level goals.</summary>
    public IReadOnlyList<string>? Goals { get; init; }

    /// <summary>Its resource level, from attack-resource-level-ov (§10.3).</summary>
    public string? ResourceLevel { get; init; }

    /// <summary>Its primary motivation, from attack-motivation-ov (§10.2).</summary>
    public string? PrimaryMotivation { get; init; }

    /// <summary>Secondary motivations, from attack-motivation-ov.</summary>
    public IReadOnlyList<string>? SecondaryMotivations { get; init; }

    /// <summary>Reads an intrusion set from its STIX 2.1 JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "intrusion-set"</c>.</param>
    /// <exception cref="StixFormatException">The object breaks STIX 2.1 §4.9; the message names the property.</exception>
    public static IntrusionSet FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        var set = new IntrusionSet
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            Name = reader.RequiredString("name"),
            Description = reader.OptionalString("description"),
            Aliases = reader.OptionalStringList("aliases"),
            FirstSeen = reader.OptionalTimestamp("first_seen"),
            LastSeen = reader.OptionalTimestamp("last_seen"),
            Goals = reader.OptionalStringList("goals"),
            ResourceLevel = reader.OptionalString("resource_level"),
            PrimaryMotivation = reader.OptionalString("primary_motivation"),
            SecondaryMotivations = reader.OptionalStringList("secondary_motivations"),
        };

        // §4.9: last_seen MUST be greater than or equal to first_seen.
        return set.LastSeen < set.FirstSeen
            ? throw reader.Error("last_seen", "must not be before first_seen (§4.9).")
            : WithCommonProperties(set, reader);
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
        json.SetOptional("aliases", Aliases);
        json.SetOptional("first_seen", FirstSeen is { } first ? StixTimestamp.Format(first) : null);
        json.SetOptional("last_seen", LastSeen is { } last ? StixTimestamp.Format(last) : null);
        json.SetOptional("goals", Goals);
        json.SetOptional("resource_level", ResourceLevel);
        json.SetOptional("primary_motivation", PrimaryMotivation);
        json.SetOptional("secondary_motivations", SecondaryMotivations);
    }
}
