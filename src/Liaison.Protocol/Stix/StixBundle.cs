using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>
/// A STIX 2.1 bundle (§8): an envelope of arbitrary STIX objects. It has no meaning of its own
/// and, since STIX 2.1, no <c>spec_version</c>.
/// </summary>
/// <param name="Id">The bundle's identifier, <c>bundle--uuid</c>.</param>
/// <param name="Objects">The objects, each in its STIX JSON form.</param>
public sealed record StixBundle(StixId Id, IReadOnlyList<JsonNode> Objects)
{
    /// <summary>The STIX type name.</summary>
    public const string TypeName = "bundle";

    /// <summary>The bundle's identifier, <c>bundle--uuid</c>.</summary>
    public StixId Id { get; } = string.Equals(Id.Type, TypeName, StringComparison.Ordinal)
        ? Id
        : throw new ArgumentException($"A bundle needs an id of the form bundle--uuid, not '{Id}'.", nameof(Id));

    /// <summary>Wraps objects in a bundle with a new random id.</summary>
    /// <param name="objects">The objects, each in its STIX JSON form.</param>
    public static StixBundle Create(IEnumerable<JsonNode> objects) =>
        new(StixId.NewRandom(TypeName), [.. objects]);

    /// <summary>Wraps STIX objects (SDOs, SROs, marking definitions, unknown objects) in a bundle with a new random id.</summary>
    /// <param name="objects">The objects.</param>
    public static StixBundle Create(params IEnumerable<IStixObject> objects) =>
        Create(objects.Select(o => (JsonNode)o.ToJson()));

    /// <summary>The bundle's STIX 2.1 JSON form.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["type"] = TypeName,
            ["id"] = Id.ToString(),
        };

        // The OASIS bundle schema requires at least one object when "objects" is present.
        if (Objects.Count > 0)
        {
            // A JsonNode has one parent, so the bundle holds copies and the caller's nodes stay usable.
            json["objects"] = new JsonArray([.. Objects.Select(o => o.DeepClone())]);
        }

        return json;
    }
}
