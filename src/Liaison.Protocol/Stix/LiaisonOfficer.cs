using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// Liaison's <c>liaison-officer</c> object, a new SDO (STIX 2.1 §7.3): one entry of the roster a party releases to
/// its partner — only what a liaison counterpart needs to reach the officer (name, rank, border sector, phone and
/// radio). Only the officer's party issues versions; taking the officer off the roster travels as a version with
/// <c>revoked</c> true (STIX 2.1 §3.6.3).
/// </summary>
public sealed record LiaisonOfficer : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "liaison-officer";

    /// <summary>The kinds of contact channel the roster carries: the ones a counterpart dials.</summary>
    public static readonly IReadOnlyList<string> ContactKinds = ["phone", "radio"];

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>The officer's full name.</summary>
    public required string Name { get; init; }

    /// <summary>The officer's rank, as the issuing party writes it.</summary>
    public string? Rank { get; init; }

    /// <summary>The agreed border sector the officer serves, if any.</summary>
    public string? SectorCode { get; init; }

    /// <summary>How to reach the officer; never an empty list on the wire.</summary>
    public IReadOnlyList<LiaisonContact>? Contacts { get; init; }

    /// <summary>Reads an officer from its JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "liaison-officer"</c>.</param>
    /// <exception cref="StixFormatException">The object is malformed; the message names the property.</exception>
    public static LiaisonOfficer FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        AlertObjectMarker.Require(reader);
        var contacts = reader.OptionalObjectList("contacts", item =>
        {
            var kind = item.RequiredString("kind");
            if (!ContactKinds.Contains(kind))
            {
                throw item.Error("kind", "must be phone or radio.");
            }

            return new LiaisonContact(kind, item.RequiredString("value"));
        });
        if (contacts is { Count: 0 })
        {
            throw reader.Error("contacts", "must not be an empty list; leave it out instead.");
        }

        var officer = new LiaisonOfficer
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            Name = reader.RequiredString("name"),
            Rank = reader.OptionalString("rank"),
            SectorCode = reader.OptionalString("sector_code"),
            Contacts = contacts,
        };
        return WithCommonProperties(officer, reader, LiaisonExtensions.NewObjectTypesExtensionId.ToString());
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        json["name"] = Name;
        json.SetOptional("rank", Rank);
        json.SetOptional("sector_code", SectorCode);
        if (Contacts is { Count: > 0 })
        {
            json["contacts"] = new JsonArray([.. Contacts.Select(c => (JsonNode)new JsonObject { ["kind"] = c.Kind, ["value"] = c.Value })]);
        }
    }

    private protected override void WriteExtensions(JsonObject extensions) => AlertObjectMarker.Write(extensions);
}

/// <summary>One way to reach a <see cref="LiaisonOfficer"/>: <c>phone</c> (a number) or <c>radio</c> (a channel or net).</summary>
public sealed record LiaisonContact(string Kind, string Value);
