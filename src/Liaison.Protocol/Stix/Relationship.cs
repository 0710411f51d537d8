using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// The STIX 2.1 <c>relationship</c> SRO (§5.1): links two SDOs or SCOs, such as an incident
/// <c>located-at</c> a location or an incident <c>attributed-to</c> a threat actor.
/// </summary>
public sealed record Relationship : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "relationship";

    // The OASIS relationship schema: source_ref and target_ref never point at these types.
    private static readonly HashSet<string> NotEndpoints = new(StringComparer.Ordinal)
    {
        "relationship", "sighting", "bundle", "marking-definition", "language-content",
    };

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>The relationship's name, such as <c>located-at</c>: lowercase letters, digits and hyphens (§5.1).</summary>
    public required string RelationshipType { get; init; }

    /// <summary>More detail about the relationship.</summary>
    public string? Description { get; init; }

    /// <summary>The object the relationship starts at.</summary>
    public required StixId SourceRef { get; init; }

    /// <summary>The object the relationship points to.</summary>
    public required StixId TargetRef { get; init; }

    /// <summary>When the relationship began to hold.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>When it stopped holding; later than <see cref="StartTime"/>.</summary>
    public DateTimeOffset? StopTime { get; init; }

    /// <summary>Creates a relationship with a new random id, created and modified at <paramref name="now"/>.</summary>
    /// <param name="source">The source object.</param>
    /// <param name="relationshipType">The relationship type, such as <c>located-at</c>.</param>
    /// <param name="target">The target object.</param>
    /// <param name="now">The creation time.</param>
    public static Relationship Create(StixId source, string relationshipType, StixId target, DateTimeOffset now) => new()
    {
        Id = StixId.NewRandom(TypeName),
        Created = now,
        Modified = now,
        SourceRef = source,
        RelationshipType = relationshipType,
        TargetRef = target,
    };

    /// <summary>Reads a relationship from its STIX 2.1 JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "relationship"</c>.</param>
    /// <exception cref="StixFormatException">The object breaks STIX 2.1 §5.1; the message names the property.</exception>
    public static Relationship FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        var relationship = new Relationship
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            RelationshipType = reader.RequiredString("relationship_type"),
            Description = reader.OptionalString("description"),
            SourceRef = reader.RequiredId("source_ref"),
            TargetRef = reader.RequiredId("target_ref"),
            StartTime = reader.OptionalTimestamp("start_time"),
            StopTime = reader.OptionalTimestamp("stop_time"),
        };
        if (relationship.Problem() is { } problem)
        {
            throw reader.Error(problem.Property, problem.Message);
        }

        return WithCommonProperties(relationship, reader);
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        if (Problem() is { } problem)
        {
            throw new InvalidOperationException($"{Id}: {problem.Property}: {problem.Message}");
        }

        json["relationship_type"] = RelationshipType;
        json.SetOptional("description", Description);
        json["source_ref"] = SourceRef.ToString();
        json["target_ref"] = TargetRef.ToString();
        json.SetOptional("start_time", StartTime is { } start ? StixTimestamp.Format(start) : null);
        json.SetOptional("stop_time", StopTime is { } stop ? StixTimestamp.Format(stop) : null);
    }

    private (string Property, string Message)? Problem()
    {
        if (RelationshipType.Length == 0 || !RelationshipType.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            return ("relationship_type", $"'{RelationshipType}' must be lowercase letters, digits and hyphens (§5.1).");
        }

        if (NotEndpoints.Contains(SourceRef.Type))
        {
            return ("source_ref", $"must refer to an SDO or SCO, not a {SourceRef.Type} (§5.1).");
        }

        if (NotEndpoints.Contains(TargetRef.Type))
        {
            return ("target_ref", $"must refer to an SDO or SCO, not a {TargetRef.Type} (§5.1).");
        }

        // §5.1: stop_time MUST be later than start_time.
        return StopTime <= StartTime ? ("stop_time", "must be later than start_time (§5.1).") : null;
    }
}
