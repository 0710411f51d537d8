using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// Liaison's <c>liaison-response</c> object, a new SDO (STIX 2.1 §7.3): the addressee's answer to a
/// <see cref="LiaisonRequest"/>. Issued by the answering party, so it references the request by id instead of
/// versioning it (only the originating party versions its records).
/// </summary>
public sealed record LiaisonResponse : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "liaison-response";

    /// <summary>The response types: <c>acknowledged</c>, <c>answered</c>, <c>declined</c>.</summary>
    public static readonly IReadOnlyList<string> ResponseTypes = ["acknowledged", "answered", "declined"];

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>The request answered.</summary>
    public required StixId RequestRef { get; init; }

    /// <summary><c>acknowledged</c>, <c>answered</c> or <c>declined</c>.</summary>
    public required string ResponseType { get; init; }

    /// <summary>The answer's text; required when <c>answered</c>.</summary>
    public string? Text { get; init; }

    /// <summary>Why the request was declined; required when <c>declined</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Records the answer refers to, by STIX id.</summary>
    public IReadOnlyList<StixId>? RecordRefs { get; init; }

    /// <summary>Who responded, as the responding desk gives the name.</summary>
    public required string RespondedBy { get; init; }

    /// <summary>Reads a response from its JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "liaison-response"</c>.</param>
    /// <exception cref="StixFormatException">The object is malformed; the message names the property.</exception>
    public static LiaisonResponse FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        AlertObjectMarker.Require(reader);
        var responseType = reader.RequiredString("response_type");
        if (!ResponseTypes.Contains(responseType))
        {
            throw reader.Error("response_type", "must be acknowledged, answered or declined.");
        }

        var text = reader.OptionalString("text");
        if (responseType == "answered" && string.IsNullOrWhiteSpace(text))
        {
            throw reader.Error("text", "is required when the response_type is answered.");
        }

        var reason = reader.OptionalString("reason");
        if (responseType == "declined" && string.IsNullOrWhiteSpace(reason))
        {
            throw reader.Error("reason", "is required when the response_type is declined.");
        }

        var response = new LiaisonResponse
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            RequestRef = reader.RequiredId("request_ref", LiaisonRequest.TypeName),
            ResponseType = responseType,
            Text = text,
            Reason = reason,
            RecordRefs = reader.OptionalIdList("record_refs"),
            RespondedBy = reader.RequiredString("responded_by"),
        };
        return WithCommonProperties(response, reader, LiaisonExtensions.NewObjectTypesExtensionId.ToString());
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        json["request_ref"] = RequestRef.ToString();
        json["response_type"] = ResponseType;
        if (Text is not null)
        {
            json["text"] = Text;
        }

        if (Reason is not null)
        {
            json["reason"] = Reason;
        }

        if (RecordRefs is { Count: > 0 })
        {
            json["record_refs"] = new JsonArray([.. RecordRefs.Select(r => (JsonNode)r.ToString())]);
        }

        json["responded_by"] = RespondedBy;
    }

    private protected override void WriteExtensions(JsonObject extensions) => AlertObjectMarker.Write(extensions);
}
