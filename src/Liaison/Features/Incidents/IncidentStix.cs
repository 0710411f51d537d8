using Liaison.Features.Exports;
using Liaison.Protocol.Stix;
using ProtocolIncident = Liaison.Protocol.Stix.Incident;

namespace Liaison.Features.Incidents;

/// <summary>
/// An incident report version as STIX 2.1: an <c>incident</c> carrying Liaison's property extension, its
/// <c>location</c>, and relationships to the location (<c>located-at</c>) and to named groups
/// (<c>attributed-to</c> for perpetrators, <c>targets</c> for targets), marked with the TLP 2.0 definition.
/// Recipients are not part of the shared record: they are this node's release instruction.
/// </summary>
public static class IncidentStix
{
    /// <summary>One version of a report, as the exchange and the mapping see it.</summary>
    public sealed record Snapshot(
        string Id, string OriginParty, DateTime Created, DateTime Modified, IncidentStatus Status, int Version, string? RetractionReason, IncidentContent Content);

    public static Snapshot Of(IncidentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.StixId, report.OriginParty.StixId, report.CreatedAt, report.ModifiedAt, report.Status, report.VersionNumber, report.RetractionReason, report.Content);
    }

    public static IReadOnlyList<IStixObject> ToStix(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var c = snapshot.Content;
        var id = StixId.Parse(snapshot.Id);
        var origin = StixId.Parse(snapshot.OriginParty);
        var markings = new[] { Tlp.IdOf(c.Tlp) };
        var created = new DateTimeOffset(snapshot.Created, TimeSpan.Zero);
        var modified = new DateTimeOffset(snapshot.Modified, TimeSpan.Zero);
        var objects = new List<IStixObject>();

        Location? location = null;
        if (c.Location.Latitude is { } lat && c.Location.Longitude is { } lon)
        {
            location = new Location
            {
                Id = StixExport.DerivedId(Location.TypeName, id.ToString(), "location"),
                Created = created,
                Modified = modified,
                CreatedByRef = origin,
                Latitude = lat,
                Longitude = lon,
                Name = c.Location.PlaceName,
                ObjectMarkingRefs = markings,
            };
        }

        objects.Add(new ProtocolIncident
        {
            Id = id,
            Created = created,
            Modified = modified,
            CreatedByRef = origin,
            // STIX 2.1 §3.6: a revoked object is no longer considered valid by its creator — what a retraction says.
            Revoked = snapshot.Status == IncidentStatus.Retracted,
            Name = c.Title,
            Description = c.Description,
            ObjectMarkingRefs = markings,
            Liaison = new LiaisonIncidentExtension
            {
                Occurred = new IncidentOccurrence
                {
                    Start = new DateTimeOffset(c.Occurred.Start, TimeSpan.Zero),
                    End = c.Occurred.End is { } end ? new DateTimeOffset(end, TimeSpan.Zero) : null,
                    Precision = c.Occurred.Precision,
                },
                Category = c.Category,
                PlaceName = c.Location.PlaceName,
                SectorCode = c.Location.Sector,
                Latitude = c.Location.Latitude,
                Longitude = c.Location.Longitude,
                LocationRef = location?.Id,
                Casualties = CasualtiesToStix(c.Casualties),
                PerpetratorsText = c.Perpetrators.Text,
                TargetsText = c.Targets.Text,
                Sources = c.Sources.Count == 0 ? null : [.. c.Sources.Select(s => new IncidentSource { Name = s.Name, Url = s.Url, Published = s.Published is { } p ? new DateTimeOffset(p, TimeSpan.Zero) : null })],
                Reliability = c.Reliability,
                Credibility = c.Credibility,
                Status = snapshot.Status,
                RetractionReason = snapshot.RetractionReason,
                VersionNumber = snapshot.Version,
            },
        });

        if (location is not null)
        {
            objects.Add(location);
            objects.Add(Link(id, "located-at", location.Id, origin, created, modified, markings));
        }

        foreach (var group in c.Perpetrators.Groups ?? [])
        {
            objects.Add(Link(id, "attributed-to", StixId.Parse(group), origin, created, modified, markings));
        }

        foreach (var group in c.Targets.Groups ?? [])
        {
            objects.Add(Link(id, "targets", StixId.Parse(group), origin, created, modified, markings));
        }

        return objects;
    }

    /// <summary>Reads a report version back from the objects <see cref="ToStix"/> (or a partner) produced.</summary>
    public static Snapshot FromStix(IReadOnlyList<IStixObject> objects, string incidentId)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var incident = objects.OfType<ProtocolIncident>().SingleOrDefault(i => i.Id.ToString() == incidentId)
            ?? throw new StixFormatException("objects", $"no incident {incidentId}");
        var x = incident.Liaison ?? throw new StixFormatException("extensions", $"{incidentId} carries no Liaison incident extension");
        var links = objects.OfType<Relationship>().Where(r => r.SourceRef == incident.Id).ToList();
        List<string>? Groups(string type) => links.Where(r => r.RelationshipType == type).Select(r => r.TargetRef.ToString()).ToList() is { Count: > 0 } g ? g : null;

        var content = new IncidentContent
        {
            Title = incident.Name,
            Description = incident.Description,
            Occurred = new Occurrence(x.Occurred.Start.UtcDateTime, x.Occurred.End?.UtcDateTime, x.Occurred.Precision),
            Location = new Place(x.Latitude, x.Longitude, x.PlaceName, x.SectorCode),
            Category = x.Category,
            Casualties = CasualtiesFromStix(x.Casualties),
            Perpetrators = new Actors(x.PerpetratorsText, Groups("attributed-to")),
            Targets = new Actors(x.TargetsText, Groups("targets")),
            Sources = [.. (x.Sources ?? []).Select(s => new Source(s.Name, s.Url, s.Published?.UtcDateTime))],
            Reliability = x.Reliability,
            Credibility = x.Credibility,
            Tlp = Tlp.StrictestOf(incident.ObjectMarkingRefs) ?? TlpLevel.Amber,
        };
        return new Snapshot(incident.Id.ToString(), incident.CreatedByRef?.ToString() ?? "", incident.Created.UtcDateTime, incident.Modified.UtcDateTime,
            x.Status, x.VersionNumber, x.RetractionReason, content);
    }

    private static IncidentCasualties? CasualtiesToStix(Casualties c)
    {
        static CasualtyCount? One(Count? n) => n is null || (n.Killed is null && n.Injured is null) ? null : new CasualtyCount { Killed = n.Killed, Injured = n.Injured };
        var result = new IncidentCasualties { SecurityForces = One(c.SecurityForces), Civilians = One(c.Civilians), Militants = One(c.Militants), Unknown = One(c.Unknown) };
        return result is { SecurityForces: null, Civilians: null, Militants: null, Unknown: null } ? null : result;
    }

    private static Casualties CasualtiesFromStix(IncidentCasualties? c)
    {
        static Count? One(CasualtyCount? n) => n is null ? null : new Count(n.Killed, n.Injured);
        return c is null ? new Casualties() : new Casualties(One(c.SecurityForces), One(c.Civilians), One(c.Militants), One(c.Unknown));
    }

    private static Relationship Link(StixId source, string type, StixId target, StixId origin, DateTimeOffset created, DateTimeOffset modified, StixId[] markings) => new()
    {
        Id = StixExport.DerivedId(Relationship.TypeName, source.ToString(), $"{type} {target}"),
        Created = created,
        Modified = modified,
        CreatedByRef = origin,
        RelationshipType = type,
        SourceRef = source,
        TargetRef = target,
        ObjectMarkingRefs = markings,
    };
}
