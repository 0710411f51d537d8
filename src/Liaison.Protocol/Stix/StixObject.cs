using System.Collections.Frozen;
using System.Text.Json;

namespace Liaison.Protocol.Stix;

/// <summary>Reads any STIX 2.1 object into its typed form.</summary>
public static class StixObject
{
    private static readonly FrozenDictionary<string, Func<JsonElement, IStixObject>> Readers =
        new Dictionary<string, Func<JsonElement, IStixObject>>(StringComparer.Ordinal)
        {
            [Identity.TypeName] = json => Identity.FromJson(json),
            [Incident.TypeName] = json => Incident.FromJson(json),
            [Location.TypeName] = json => Location.FromJson(json),
            [IntrusionSet.TypeName] = json => IntrusionSet.FromJson(json),
            [ThreatActor.TypeName] = json => ThreatActor.FromJson(json),
            [Relationship.TypeName] = json => Relationship.FromJson(json),
            [MarkingDefinition.TypeName] = json => MarkingDefinition.FromJson(json),
            [ExtensionDefinition.TypeName] = json => ExtensionDefinition.FromJson(json),
            [LiaisonAlert.TypeName] = json => LiaisonAlert.FromJson(json),
            [LiaisonAcknowledgement.TypeName] = json => LiaisonAcknowledgement.FromJson(json),
            [LiaisonMessage.TypeName] = json => LiaisonMessage.FromJson(json),
            [LiaisonReceipt.TypeName] = json => LiaisonReceipt.FromJson(json),
            [LiaisonRequest.TypeName] = json => LiaisonRequest.FromJson(json),
            [LiaisonResponse.TypeName] = json => LiaisonResponse.FromJson(json),
            [LiaisonOfficer.TypeName] = json => LiaisonOfficer.FromJson(json),
            [LiaisonDutyShift.TypeName] = json => LiaisonDutyShift.FromJson(json),
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The types read into their own records; every other type becomes an <see cref="UnknownStixObject"/>.</summary>
    public static IReadOnlyCollection<string> KnownTypes => Readers.Keys;

    /// <summary>Reads one object: a typed record for a known type, an <see cref="UnknownStixObject"/> for any other.</summary>
    /// <param name="json">A JSON object with <c>type</c> and <c>id</c>.</param>
    /// <exception cref="StixFormatException">
    /// A known type breaks STIX 2.1, or the object has no valid <c>type</c> or <c>id</c>; the message names the property.
    /// An unknown type alone is never an error.
    /// </exception>
    public static IStixObject Parse(JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Object &&
            json.TryGetProperty("type", out var type) &&
            type.ValueKind == JsonValueKind.String &&
            Readers.TryGetValue(type.GetString()!, out var read))
        {
            return read(json);
        }

        return UnknownStixObject.FromJson(json);
    }
}
