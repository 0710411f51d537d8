using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// The STIX 2.1 <c>identity</c> SDO (§4.5): an individual, organization or group, such as a
/// party in an exchange or the author of an object.
/// </summary>
public sealed record Identity : StixCoreObject
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "identity";

    /// <inheritdoc/>
    public override string Type => TypeName;

    /// <summary>The name of the individual, organization or group.</summary>
    public required string Name { get; init; }

    /// <summary>More detail about the identity.</summary>
    public string? Description { get; init; }

    /// <summary>The roles it performs, such as <c>CEO</c> or <c>Hospital</c> (no vocabulary is defined).</summary>
    public IReadOnlyList<string>? Roles { get; init; }

    /// <summary>
    /// The kind of entity, from the open vocabulary identity-class-ov (§10.7): <c>individual</c>,
    /// <c>group</c>, <c>system</c>, <c>organization</c>, <c>class</c>, <c>unknown</c>. Optional in STIX 2.1.
    /// </summary>
    public string? IdentityClass { get; init; }

    /// <summary>Industry sectors, from the open vocabulary industry-sector-ov (§10.12), such as <c>emergency-services</c>.</summary>
    public IReadOnlyList<string>? Sectors { get; init; }

    /// <summary>How to reach the identity (e-mail, phone, …), as free text.</summary>
    public string? ContactInformation { get; init; }

    /// <summary>Reads an identity from its STIX 2.1 JSON form.</summary>
    /// <param name="json">A JSON object with <c>"type": "identity"</c>.</param>
    /// <exception cref="StixFormatException">The object breaks STIX 2.1; the message names the property.</exception>
    public static Identity FromJson(JsonElement json)
    {
        var reader = StixObjectReader.Open(json, TypeName);
        var (created, modified) = ReadTimestamps(reader);
        var identity = new Identity
        {
            Id = reader.RequiredId("id", TypeName),
            Created = created,
            Modified = modified,
            Name = reader.RequiredString("name"),
            Description = reader.OptionalString("description"),
            Roles = reader.OptionalStringList("roles"),
            IdentityClass = reader.OptionalString("identity_class"),
            Sectors = reader.OptionalStringList("sectors"),
            ContactInformation = reader.OptionalString("contact_information"),
        };
        return WithCommonProperties(identity, reader);
    }

    /// <inheritdoc/>
    protected override void WriteProperties(JsonObject json)
    {
        json["name"] = Name;
        json.SetOptional("description", Description);
        json.SetOptional("roles", Roles);
        json.SetOptional("identity_class", IdentityClass);
        json.SetOptional("sectors", Sectors);
        json.SetOptional("contact_information", ContactInformation);
    }
}
