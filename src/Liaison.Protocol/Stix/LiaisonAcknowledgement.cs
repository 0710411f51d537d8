using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// Liaison's <c>liaison-acknowledgement</c> object, a new SDO (STIX 2.1 §7.3): an addressed party's answer that it
/// has taken note of a <see cref="LiaisonAlert"/>. Issued by the acknowledging party (its own <c>created_by_ref</c>),
/// never by the alert's originator, so it references the alert by id instead of versioning it.
/// </summary>
public sealed record LiaisonAcknowledgement : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "liaison-acknowledgement";

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>The <c>liaison-alert</c> acknowledged.</summary>
    public required StixId AlertRef { get; init; }

    /// <summary>When the acknowledging party acknowledged it.</summary>
    public required DateTimeOffset Acknowledged { get; init; }

    /// <summary>Who acknowledged it: name and rank, as the acknowledging desk gives them.</summary>
    public required string AcknowledgedBy { get; init; }

    /// <summary>Free-text response.</summary>
    public string? Response { get; init; }

    /// <summary>What the acknowledging party did or will do about the threat.</summary>
    public string? ActionTaken { get; init; }

    /// <summary>Reads an acknowledgement from its JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "liaison-acknowledgement"</c>.</param>
    /// <exception cref="StixFormatException">The object is malformed; the message names the property.</exception>
    public static LiaisonAcknowledgement FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        AlertObjectMarker.Require(reader);
        var acknowledgement = new LiaisonAcknowledgement
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            AlertRef = reader.RequiredId("alert_ref", LiaisonAlert.TypeName),
            Acknowledged = reader.RequiredTimestamp("acknowledged"),
            AcknowledgedBy = reader.RequiredString("acknowledged_by"),
            Response = reader.OptionalString("response"),
            ActionTaken = reader.OptionalString("action_taken"),
        };
        return WithCommonProperties(acknowledgement, reader, LiaisonExtensions.NewObjectTypesExtensionId.ToString());
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        json["alert_ref"] = AlertRef.ToString();
        json["acknowledged"] = StixTimestamp.Format(Acknowledged);
        json["acknowledged_by"] = AcknowledgedBy;
        json.SetOptional("response", Response);
        json.SetOptional("action_taken", ActionTaken);
    }

    private protected override void WriteExtensions(JsonObject extensions) => AlertObjectMarker.Write(extensions);
}
