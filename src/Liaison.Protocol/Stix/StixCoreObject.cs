using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// The common properties of STIX Domain Objects and STIX Relationship Objects (STIX 2.1 §3.2),
/// and the JSON layout they share. Each object type adds its own properties.
/// </summary>
public abstract record StixCoreObject : IStixObject
{
    private readonly StixId _id;

    /// <summary>The STIX type name, such as <c>identity</c>; fixed for each derived record.</summary>
    public abstract string Type { get; }

    /// <summary>The object's identifier; its type part must equal <see cref="Type"/>.</summary>
    /// <exception cref="ArgumentException">The identifier is for another type of object.</exception>
    public required StixId Id
    {
        get => _id;
        init => _id = string.Equals(value.Type, Type, StringComparison.Ordinal)
            ? value
            : throw new ArgumentException($"A {Type} needs an id of the form {Type}--uuid, not '{value}'.", nameof(Id));
    }

    /// <summary>When the first version of the object was created.</summary>
    public required DateTimeOffset Created { get; init; }

    /// <summary>When this version was made; together with <see cref="Id"/> it names the version.</summary>
    public required DateTimeOffset Modified { get; init; }

    /// <summary>The identity of the party that created the object; only that party may issue new versions.</summary>
    public StixId? CreatedByRef { get; init; }

    /// <summary>Whether the creator has revoked the object; a revoked object gets no further versions.</summary>
    public bool Revoked { get; init; }

    /// <summary>Terms describing the object.</summary>
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>The creator's confidence in the object, 0 to 100 (STIX 2.1 §3.2, Appendix A).</summary>
    public int? Confidence { get; init; }

    /// <summary>The language of the object's text, as an RFC 5646 tag; absent means English.</summary>
    public string? Lang { get; init; }

    /// <summary>References to information outside STIX.</summary>
    public IReadOnlyList<ExternalReference>? ExternalReferences { get; init; }

    /// <summary>The marking definitions (such as TLP 2.0 markings) that apply to the whole object.</summary>
    public IReadOnlyList<StixId>? ObjectMarkingRefs { get; init; }

    /// <summary>
    /// Extensions carried by the object (STIX 2.1 §3.2 <c>extensions</c>, §7.3), keyed by the
    /// <c>extension-definition--uuid</c> (or a predefined <c>…-ext</c> name) and holding the extension's
    /// JSON. Extensions this library does not model are kept here, so they survive a read and write;
    /// typed extensions (such as <see cref="Incident.Liaison"/>) are not repeated here.
    /// </summary>
    public IReadOnlyDictionary<string, JsonObject>? Extensions { get; init; }

    /// <summary>The STIX 2.1 JSON form of the object, ready to be bundled, canonicalized or sent.</summary>
    /// <exception cref="InvalidOperationException">The object breaks a rule of the specification.</exception>
    public JsonObject ToJson()
    {
        // STIX 2.1 §3.2: modified MUST be later than or equal to created.
        if (Modified < Created)
        {
            throw new InvalidOperationException($"{Id}: modified ({StixTimestamp.Format(Modified)}) is before created ({StixTimestamp.Format(Created)}).");
        }

        if (Confidence is < 0 or > 100)
        {
            throw new InvalidOperationException($"{Id}: confidence must be between 0 and 100, not {Confidence}.");
        }

        var json = new JsonObject
        {
            ["type"] = Type,
            ["spec_version"] = StixJson.SpecVersion,
            ["id"] = Id.ToString(),
        };
        json.SetOptional("created_by_ref", CreatedByRef);
        json["created"] = StixTimestamp.Format(Created);
        json["modified"] = StixTimestamp.Format(Modified);

        WriteProperties(json);

        if (Revoked)
        {
            json["revoked"] = true;
        }

        json.SetOptional("labels", Labels);
        if (Confidence is { } confidence)
        {
            json["confidence"] = confidence;
        }

        json.SetOptional("lang", Lang);
        json.SetOptional("external_references", ExternalReferences, r => r.ToJson());
        json.SetOptional("object_marking_refs", ObjectMarkingRefs);

        var extensions = new JsonObject();
        foreach (var (key, value) in Extensions ?? new Dictionary<string, JsonObject>())
        {
            extensions[key] = value.DeepClone();
        }

        WriteExtensions(extensions);
        if (extensions.Count > 0)
        {
            json["extensions"] = extensions;
        }

        return json;
    }

    /// <summary>Adds the extensions the object type models itself (none by default) to <c>extensions</c>.</summary>
    /// <param name="extensions">The extensions dictionary being written; <see cref="Extensions"/> are already in it.</param>
    private protected virtual void WriteExtensions(JsonObject extensions)
    {
    }

    /// <summary>Adds the properties specific to the object type.</summary>
    /// <param name="json">The object being written; the common properties are already in it.</param>
    protected abstract void WriteProperties(JsonObject json);

    /// <summary>Copies the optional common properties from JSON onto an object its type has just read.</summary>
    /// <param name="stixObject">The object with its type's own properties.</param>
    /// <param name="reader">The reader of the object's JSON.</param>
    /// <param name="modelledExtension">An extension key the type reads itself, left out of <see cref="Extensions"/>.</param>
    private protected static T WithCommonProperties<T>(T stixObject, StixObjectReader reader, string? modelledExtension = null)
        where T : StixCoreObject
    {
        return (T)(stixObject with
        {
            CreatedByRef = reader.OptionalId("created_by_ref", "identity"),
            Revoked = reader.OptionalBoolean("revoked") ?? false,
            Labels = reader.OptionalStringList("labels"),
            Confidence = reader.OptionalInteger("confidence", 0, 100),
            Lang = reader.OptionalString("lang"),
            ExternalReferences = reader.OptionalList("external_references", (item, path) => ExternalReference.FromJson(item, path, reader)),
            ObjectMarkingRefs = reader.OptionalIdList("object_marking_refs", "marking-definition"),
            Extensions = reader.OptionalExtensions("extensions", modelledExtension),
        });
    }

    /// <summary>Reads the timestamps and checks their order (STIX 2.1 §3.2).</summary>
    private protected static (DateTimeOffset Created, DateTimeOffset Modified) ReadTimestamps(StixObjectReader reader)
    {
        var created = reader.RequiredTimestamp("created");
        var modified = reader.RequiredTimestamp("modified");
        return modified >= created
            ? (created, modified)
            : throw reader.Error("modified", $"must not be before created ({StixTimestamp.Format(created)}).");
    }
}
