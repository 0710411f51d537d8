using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// Liaison's <c>liaison-duty-shift</c> object, a new SDO (STIX 2.1 §7.3): one of the issuing party's officers on duty
/// for a border sector over the half-open interval [<see cref="Start"/>, <see cref="End"/>), at one rung of the
/// escalation ladder. Only the officer's party issues versions; a shift taken off the roster travels as a version
/// with <c>revoked</c> true (STIX 2.1 §3.6.3).
/// </summary>
public sealed record LiaisonDutyShift : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "liaison-duty-shift";

    /// <summary>The rungs of the ladder, lowest first.</summary>
    public static readonly IReadOnlyList<string> Roles = ["duty-officer", "supervisor", "head-of-desk"];

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>The <c>liaison-officer</c> on duty; issued by the same party.</summary>
    public required StixId OfficerRef { get; init; }

    /// <summary>The agreed border sector the shift covers.</summary>
    public required string SectorCode { get; init; }

    /// <summary><c>duty-officer</c>, <c>supervisor</c> or <c>head-of-desk</c>.</summary>
    public required string Role { get; init; }

    /// <summary>When the shift starts (inclusive).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>When the shift ends (exclusive); after <see cref="Start"/>.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>Reads a shift from its JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "liaison-duty-shift"</c>.</param>
    /// <exception cref="StixFormatException">The object is malformed; the message names the property.</exception>
    public static LiaisonDutyShift FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        AlertObjectMarker.Require(reader);
        var role = reader.RequiredString("role");
        if (!Roles.Contains(role))
        {
            throw reader.Error("role", "must be duty-officer, supervisor or head-of-desk.");
        }

        var start = reader.RequiredTimestamp("start");
        var end = reader.RequiredTimestamp("end");
        if (end <= start)
        {
            throw reader.Error("end", "must be after start.");
        }

        var shift = new LiaisonDutyShift
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            OfficerRef = reader.RequiredId("officer_ref", LiaisonOfficer.TypeName),
            SectorCode = reader.RequiredString("sector_code"),
            Role = role,
            Start = start,
            End = end,
        };
        return WithCommonProperties(shift, reader, LiaisonExtensions.NewObjectTypesExtensionId.ToString());
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        json["officer_ref"] = OfficerRef.ToString();
        json["sector_code"] = SectorCode;
        json["role"] = Role;
        json["start"] = StixTimestamp.Format(Start);
        json["end"] = StixTimestamp.Format(End);
    }

    private protected override void WriteExtensions(JsonObject extensions) => AlertObjectMarker.Write(extensions);
}
