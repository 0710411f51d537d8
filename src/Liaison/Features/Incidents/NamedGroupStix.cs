using Liaison.Features.Parties;
using Liaison.Protocol.Stix;

namespace Liaison.Features.Incidents;

/// <summary>
/// A named group as the STIX object its <see cref="NamedGroup.Kind"/> names: an <c>intrusion-set</c> (STIX 2.1 §4.9)
/// or a <c>threat-actor</c> (STIX 2.1 §4.17), created by the node's own party.
/// </summary>
public static class NamedGroupStix
{
    /// <summary>
    /// Group names are reference data both parties' reports point to, not intelligence of one report: TLP:GREEN.
    /// The reports themselves carry their own, usually stricter, marking.
    /// </summary>
    public const TlpLevel Marking = TlpLevel.Green;

    public static StixCoreObject ToStix(NamedGroup group, Party creator)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(creator);
        var created = new DateTimeOffset(group.CreatedAt, TimeSpan.Zero);
        var id = StixId.Parse(group.StixId);
        var createdBy = StixId.Parse(creator.StixId);
        var aliases = group.Aliases.Count == 0 ? null : group.Aliases;
        StixId[] markings = [Tlp.IdOf(Marking)];
        return group.Kind == ThreatActor.TypeName
            ? new ThreatActor { Id = id, Created = created, Modified = created, CreatedByRef = createdBy, Name = group.Name, Description = group.Description, Aliases = aliases, ObjectMarkingRefs = markings }
            : new IntrusionSet { Id = id, Created = created, Modified = created, CreatedByRef = createdBy, Name = group.Name, Description = group.Description, Aliases = aliases, ObjectMarkingRefs = markings };
    }
}
