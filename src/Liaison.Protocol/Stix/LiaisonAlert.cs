using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// Liaison's <c>liaison-alert</c> object, a new SDO (STIX 2.1 §7.3) described by
/// <see cref="LiaisonExtensions.NewObjectTypesExtensionId"/>: a warning to partner parties about a threat in an area
/// and a time window, with a precedence and, per addressed party, the time by which it must be acknowledged.
/// Each update, cancellation or closure is a new version (later <c>modified</c>, higher <see cref="Revision"/>).
/// </summary>
public sealed record LiaisonAlert : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "liaison-alert";

    /// <summary>The precedences, highest first.</summary>
    public static readonly IReadOnlyList<string> Precedences = ["flash", "immediate", "priority", "routine"];

    /// <summary>The states of an alert.</summary>
    public static readonly IReadOnlyList<string> Statuses = ["active", "cancelled", "closed"];

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary><c>flash</c>, <c>immediate</c>, <c>priority</c> or <c>routine</c>.</summary>
    public required string Precedence { get; init; }

    /// <summary>A short title.</summary>
    public required string Title { get; init; }

    /// <summary>The threat, in the originator's words.</summary>
    public string? Description { get; init; }

    /// <summary>
    /// The area: a GeoJSON Polygon (RFC 7946 §3.1.6, positions <c>[longitude, latitude]</c>) or
    /// <c>{"type": "Circle", "latitude", "longitude", "radius"}</c> with the radius in metres.
    /// </summary>
    public JsonObject? Area { get; init; }

    /// <summary>Codes of the agreed border sectors it concerns.</summary>
    public IReadOnlyList<string>? SectorCodes { get; init; }

    /// <summary>When the warning starts to apply.</summary>
    public required DateTimeOffset ValidFrom { get; init; }

    /// <summary>When it stops applying; after <see cref="ValidFrom"/>.</summary>
    public required DateTimeOffset ValidUntil { get; init; }

    /// <summary><c>active</c>, <c>cancelled</c> or <c>closed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>1 for the alert as raised, then one more for each later version.</summary>
    public required int Revision { get; init; }

    /// <summary>Why it was cancelled or closed, when it was.</summary>
    public string? StatusReason { get; init; }

    /// <summary>Each addressed party's <c>identity</c> id and the time by which that party must acknowledge.</summary>
    public required IReadOnlyDictionary<StixId, DateTimeOffset> AcknowledgeBy { get; init; }

    /// <summary>Reads an alert from its JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "liaison-alert"</c>.</param>
    /// <exception cref="StixFormatException">The object is malformed; the message names the property.</exception>
    public static LiaisonAlert FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        AlertObjectMarker.Require(reader);
        var precedence = reader.RequiredString("precedence");
        if (!Precedences.Contains(precedence))
        {
            throw reader.Error("precedence", $"'{precedence}' is not one of {string.Join(", ", Precedences)}.");
        }

        var status = reader.RequiredString("status");
        if (!Statuses.Contains(status))
        {
            throw reader.Error("status", $"'{status}' is not one of {string.Join(", ", Statuses)}.");
        }

        var alert = new LiaisonAlert
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            Precedence = precedence,
            Title = reader.RequiredString("title"),
            Description = reader.OptionalString("description"),
            Area = ReadArea(reader),
            SectorCodes = reader.OptionalStringList("sector_codes"),
            ValidFrom = reader.RequiredTimestamp("valid_from"),
            ValidUntil = reader.RequiredTimestamp("valid_until"),
            Status = status,
            Revision = reader.RequiredInteger("revision", 1, int.MaxValue),
            StatusReason = reader.OptionalString("status_reason"),
            AcknowledgeBy = ReadDeadlines(reader),
        };
        if (alert.ValidUntil <= alert.ValidFrom)
        {
            throw reader.Error("valid_until", "must be after valid_from.");
        }

        return WithCommonProperties(alert, reader, LiaisonExtensions.NewObjectTypesExtensionId.ToString());
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        if (ValidUntil <= ValidFrom)
        {
            throw new InvalidOperationException($"{Id}: valid_until must be after valid_from.");
        }

        json["precedence"] = Precedence;
        json["title"] = Title;
        json.SetOptional("description", Description);
        if (Area is not null)
        {
            json["area"] = Area.DeepClone();
        }

        json.SetOptional("sector_codes", SectorCodes);
        json["valid_from"] = StixTimestamp.Format(ValidFrom);
        json["valid_until"] = StixTimestamp.Format(ValidUntil);
        json["status"] = Status;
        json["revision"] = Revision;
        json.SetOptional("status_reason", StatusReason);
        var deadlines = new JsonObject();
        foreach (var (party, deadline) in AcknowledgeBy.OrderBy(d => d.Key.ToString(), StringComparer.Ordinal))
        {
            deadlines[party.ToString()] = StixTimestamp.Format(deadline);
        }

        json["acknowledge_by"] = deadlines;
    }

    private protected override void WriteExtensions(JsonObject extensions) => AlertObjectMarker.Write(extensions);

    private static JsonObject? ReadArea(StixObjectReader reader)
    {
        if (reader.OptionalNested("area") is not { } area)
        {
            return null;
        }

        var type = area.RequiredString("type");
        switch (type)
        {
            case "Polygon":
                area.OptionalList("coordinates", (ring, path) => ring.ValueKind == JsonValueKind.Array && ring.GetArrayLength() >= 4
                    && ring.EnumerateArray().All(p => p.ValueKind == JsonValueKind.Array && p.GetArrayLength() >= 2 && p.EnumerateArray().All(n => n.ValueKind == JsonValueKind.Number))
                        ? path
                        : throw area.Error(path, "must be a closed linear ring of at least four [longitude, latitude] positions (RFC 7946 §3.1.6)."));
                if (!area.Has("coordinates"))
                {
                    throw area.Error("coordinates", "is required.");
                }

                break;
            case "Circle":
                _ = area.OptionalNumber("latitude", -90, 90) ?? throw area.Error("latitude", "is required.");
                _ = area.OptionalNumber("longitude", -180, 180) ?? throw area.Error("longitude", "is required.");
                if ((area.OptionalNumber("radius", 0, double.MaxValue) ?? throw area.Error("radius", "is required.")) <= 0)
                {
                    throw area.Error("radius", "must be more than 0 metres.");
                }

                break;
            default:
                throw area.Error("type", $"'{type}' is not Polygon or Circle.");
        }

        return JsonObject.Create(area.Json.Clone());
    }

    private static Dictionary<StixId, DateTimeOffset> ReadDeadlines(StixObjectReader reader)
    {
        var deadlines = reader.Nested("acknowledge_by");
        var result = new Dictionary<StixId, DateTimeOffset>();
        foreach (var property in deadlines.Json.EnumerateObject())
        {
            if (!StixId.TryParse(property.Name, out var party) || party.Type != Identity.TypeName)
            {
                throw deadlines.Error(property.Name, "is not an identity id (identity--uuid).");
            }

            result[party] = deadlines.RequiredTimestamp(property.Name);
        }

        return result;
    }
}

/// <summary>The marker every Liaison object type carries: its new-SDO extension (STIX 2.1 §7.3.2).</summary>
internal static class AlertObjectMarker
{
    public static void Write(JsonObject extensions) =>
        extensions[LiaisonExtensions.NewObjectTypesExtensionId.ToString()] = new JsonObject { ["extension_type"] = "new-sdo" };

    public static void Require(StixObjectReader reader)
    {
        var key = LiaisonExtensions.NewObjectTypesExtensionId.ToString();
        var marker = reader.Nested("extensions").Nested(key);
        if (marker.RequiredString("extension_type") != "new-sdo")
        {
            throw marker.Error("extension_type", "must be new-sdo for a Liaison object type.");
        }
    }
}
