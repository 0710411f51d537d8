using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// Liaison's <c>liaison-receipt</c> object, a new SDO (STIX 2.1 §7.3): the receiving party's statement that a user
/// at its desk has read some of the other party's <see cref="LiaisonMessage"/>s. Issued by the reader's party, so it
/// references the messages by id instead of versioning them. Delivery needs no object of its own: the partner's
/// signed TAXII status already proves it.
/// </summary>
public sealed record LiaisonReceipt : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "liaison-receipt";

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>What the receipt states: <c>read</c>.</summary>
    public string ReceiptType { get; init; } = "read";

    /// <summary>The <c>liaison-message</c>s read; at least one.</summary>
    public required IReadOnlyList<StixId> MessageRefs { get; init; }

    /// <summary>When they were read.</summary>
    public required DateTimeOffset ReadAt { get; init; }

    /// <summary>Who read them, as the reading desk gives the name.</summary>
    public required string ReadBy { get; init; }

    /// <summary>Reads a receipt from its JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "liaison-receipt"</c>.</param>
    /// <exception cref="StixFormatException">The object is malformed; the message names the property.</exception>
    public static LiaisonReceipt FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        AlertObjectMarker.Require(reader);
        var refs = reader.OptionalIdList("message_refs", LiaisonMessage.TypeName);
        if (refs is null || refs.Count == 0)
        {
            throw reader.Error("message_refs", "must name at least one liaison-message.");
        }

        var receiptType = reader.RequiredString("receipt_type");
        if (receiptType != "read")
        {
            throw reader.Error("receipt_type", "must be read.");
        }

        var receipt = new LiaisonReceipt
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            ReceiptType = receiptType,
            MessageRefs = refs,
            ReadAt = reader.RequiredTimestamp("read_at"),
            ReadBy = reader.RequiredString("read_by"),
        };
        return WithCommonProperties(receipt, reader, LiaisonExtensions.NewObjectTypesExtensionId.ToString());
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        json["receipt_type"] = ReceiptType;
        json["message_refs"] = new JsonArray([.. MessageRefs.Select(r => (JsonNode)r.ToString())]);
        json["read_at"] = StixTimestamp.Format(ReadAt);
        json["read_by"] = ReadBy;
    }

    private protected override void WriteExtensions(JsonObject extensions) => AlertObjectMarker.Write(extensions);
}
