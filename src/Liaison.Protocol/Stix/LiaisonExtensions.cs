namespace Liaison.Protocol.Stix;

/// <summary>
/// Liaison's fixed STIX 2.1 extension definitions (§7.3) and the vendor identity that created them.
/// The ids never change: a partner recognises Liaison's extensions by them. A change to an extension's
/// meaning gets a new <see cref="ExtensionDefinition.Version"/> and a new <c>modified</c>, not a new id.
/// </summary>
public static class LiaisonExtensions
{
    /// <summary>The version of both extensions.</summary>
    public const string Version = "1.0.0";

    /// <summary>The identity of the Liaison project, <c>created_by_ref</c> of both extension definitions.</summary>
    public static readonly StixId VendorIdentityId = StixId.Parse("identity--ce66a4b6-71ee-4de7-a1f0-efd1f2e0c86f");

    /// <summary>The property extension carried by <c>incident</c> objects (see <see cref="LiaisonIncidentExtension"/>).</summary>
    public static readonly StixId IncidentExtensionId = StixId.Parse("extension-definition--c95bbe37-fe0f-42ff-9b16-40252caee667");

    /// <summary>The extension defining Liaison's own object types (alerts, acknowledgements, requests, …), as new SDOs.</summary>
    public static readonly StixId NewObjectTypesExtensionId = StixId.Parse("extension-definition--732826cf-50f3-41fc-a22d-4fd92340d352");

    /// <summary>The <c>created</c> and <c>modified</c> time of version 1.0.0 of the definitions and of the vendor identity.</summary>
    public static readonly DateTimeOffset Published = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The <c>schema</c> of the incident extension: plain text pointing at the JSON Schema in the Liaison sources.</summary>
    public const string IncidentExtensionSchema =
        "JSON Schema (draft 2020-12) urn:liaison:schema:incident-extension:1.0.0, published in the Liaison sources as docs/protocol/incident-extension.schema.json; property reference in docs/protocol/stix-mapping.md";

    /// <summary>The <c>schema</c> of the new-object-types extension.</summary>
    public const string NewObjectTypesSchema =
        "Liaison object types (urn:liaison:schema:object-types:1.0.0), documented in the Liaison sources at docs/protocol/stix-mapping.md";

    /// <summary>The Liaison project's identity object.</summary>
    public static Identity VendorIdentity => new()
    {
        Id = VendorIdentityId,
        Created = Published,
        Modified = Published,
        Name = "Liaison project",
        IdentityClass = "organization",
        Description = "Publisher of the Liaison STIX 2.1 extensions.",
    };

    /// <summary>The extension definition of Liaison's incident property extension.</summary>
    public static ExtensionDefinition IncidentExtension => new()
    {
        Id = IncidentExtensionId,
        Created = Published,
        Modified = Published,
        CreatedByRef = VendorIdentityId,
        Name = "Liaison incident",
        Description = "Properties Liaison adds to a STIX incident: when it occurred, category, place, casualties, sources, Admiralty grading, publication status and version.",
        Schema = IncidentExtensionSchema,
        Version = Version,
        ExtensionTypes = ["property-extension"],
    };

    /// <summary>The extension definition of Liaison's own object types.</summary>
    public static ExtensionDefinition NewObjectTypes => new()
    {
        Id = NewObjectTypesExtensionId,
        Created = Published,
        Modified = Published,
        CreatedByRef = VendorIdentityId,
        Name = "Liaison object types",
        Description = "Object types Liaison exchanges between parties that STIX lacks: alerts, acknowledgements, requests, responses, operation notices, messages, receipts, commitments.",
        Schema = NewObjectTypesSchema,
        Version = Version,
        ExtensionTypes = ["new-sdo"],
    };

    /// <summary>The objects a partner needs to interpret Liaison's extensions: the vendor identity and both definitions.</summary>
    public static IReadOnlyList<StixCoreObject> DefinitionObjects => [VendorIdentity, IncidentExtension, NewObjectTypes];
}
