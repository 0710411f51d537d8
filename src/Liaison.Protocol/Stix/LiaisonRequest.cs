using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// Liaison's <c>liaison-request</c> object, a new SDO (STIX 2.1 §7.3): one party's request to the other for
/// information or assistance. Only the requester issues versions; withdrawing it travels as a new version with
/// <c>status</c> <c>withdrawn</c>. The addressee answers with its own <see cref="LiaisonResponse"/>s.
/// </summary>
public sealed record LiaisonRequest : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "liaison-request";

    /// <summary>The kinds a request may be.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["information", "assistance"];

    /// <summary>The statuses the requester may state: <c>open</c> or <c>withdrawn</c>.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["open", "withdrawn"];

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary><c>information</c> or <c>assistance</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>A one-line subject.</summary>
    public required string Subject { get; init; }

    /// <summary>The questions asked; at least one.</summary>
    public required IReadOnlyList<string> Questions { get; init; }

    /// <summary>The precedence: <c>flash</c>, <c>immediate</c>, <c>priority</c> or <c>routine</c>.</summary>
    public required string Priority { get; init; }

    /// <summary>When an answer is due.</summary>
    public required DateTimeOffset Due { get; init; }

    /// <summary>Sector codes the request concerns, if any.</summary>
    public IReadOnlyList<string>? SectorCodes { get; init; }

    /// <summary>Records the request refers to (incidents, alerts), by STIX id.</summary>
    public IReadOnlyList<StixId>? RecordRefs { get; init; }

    /// <summary><c>open</c> or <c>withdrawn</c>, as the requester states it.</summary>
    public string Status { get; init; } = "open";

    /// <summary>Reads a request from its JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "liaison-request"</c>.</param>
    /// <exception cref="StixFormatException">The object is malformed; the message names the property.</exception>
    public static LiaisonRequest FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        AlertObjectMarker.Require(reader);
        var kind = reader.RequiredString("kind");
        if (!Kinds.Contains(kind))
        {
            throw reader.Error("kind", "must be information or assistance.");
        }

        var questions = reader.OptionalStringList("questions");
        if (questions is null || questions.Count == 0)
        {
            throw reader.Error("questions", "must hold at least one question.");
        }

        var priority = reader.RequiredString("priority");
        if (priority is not ("flash" or "immediate" or "priority" or "routine"))
        {
            throw reader.Error("priority", "must be flash, immediate, priority or routine.");
        }

        var status = reader.RequiredString("status");
        if (!Statuses.Contains(status))
        {
            throw reader.Error("status", "must be open or withdrawn.");
        }

        var request = new LiaisonRequest
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            Kind = kind,
            Subject = reader.RequiredString("subject"),
            Questions = questions,
            Priority = priority,
            Due = reader.RequiredTimestamp("due"),
            SectorCodes = reader.OptionalStringList("sector_codes"),
            RecordRefs = reader.OptionalIdList("record_refs"),
            Status = status,
        };
        return WithCommonProperties(request, reader, LiaisonExtensions.NewObjectTypesExtensionId.ToString());
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        json["kind"] = Kind;
        json["subject"] = Subject;
        json["questions"] = new JsonArray([.. Questions.Select(q => (JsonNode)q)]);
        json["priority"] = Priority;
        json["due"] = StixTimestamp.Format(Due);
        if (SectorCodes is { Count: > 0 })
        {
            json["sector_codes"] = new JsonArray([.. SectorCodes.Select(s => (JsonNode)s)]);
        }

        if (RecordRefs is { Count: > 0 })
        {
            json["record_refs"] = new JsonArray([.. RecordRefs.Select(r => (JsonNode)r.ToString())]);
        }

        json["status"] = Status;
    }

    private protected override void WriteExtensions(JsonObject extensions) => AlertObjectMarker.Write(extensions);
}
