using System.Text.Json;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using ProtocolIncident = Liaison.Protocol.Stix.Incident;

namespace Liaison.Features.Incidents;

/// <summary>
/// How incident reports travel: each published version leaves as its STIX objects (with the groups it names and
/// the originating party's identity), and a partner's versions are rebuilt here from the objects received.
/// Drafts never leave the node.
/// </summary>
public static class IncidentSharing
{
    public static async Task<IReadOnlyList<Feed.Outgoing>> OutgoingAsync(LiaisonDbContext db, IncidentReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        var snapshot = IncidentStix.Of(report);
        var recipients = snapshot.Content.Recipients;
        var named = (snapshot.Content.Perpetrators.Groups ?? []).Concat(snapshot.Content.Targets.Groups ?? []).ToList();
        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        var groups = named.Count == 0 ? [] : await db.NamedGroups.AsNoTracking().Where(g => named.Contains(g.StixId)).ToListAsync(cancellationToken);

        var outgoing = new List<Feed.Outgoing> { new(PartyStix.Identity(self), []) };
        // Only our own groups are ours to share; a partner's group is already held by that partner.
        outgoing.AddRange(groups.Where(g => !g.IsReceived).Select(g => new Feed.Outgoing(NamedGroupStix.ToStix(g, self), [])));
        outgoing.AddRange(IncidentStix.ToStix(snapshot).Select(o => new Feed.Outgoing(o, recipients)));
        return outgoing;
    }

    /// <summary>Rebuilds a partner's report from every version of it held in the shared store.</summary>
    public static async Task ProjectAsync(LiaisonDbContext db, Party origin, string incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(origin);
        var held = await db.SharedObjects.AsNoTracking()
            .Where(o => (o.StixId == incidentId && o.Type == ProtocolIncident.TypeName) || o.RefersTo == incidentId)
            .Select(o => new { o.StixId, o.Type, o.VersionAt, o.Json })
            .ToListAsync(cancellationToken);
        if (!held.Any(o => o.Type == ProtocolIncident.TypeName))
        {
            return;
        }

        var report = await db.Incidents.Include(i => i.Versions).Include(i => i.OriginParty)
            .SingleOrDefaultAsync(i => i.StixId == incidentId, cancellationToken);
        if (report is not null && report.OriginPartyId != origin.Id)
        {
            return;
        }

        foreach (var version in held.Where(o => o.Type == ProtocolIncident.TypeName).OrderBy(o => o.VersionAt))
        {
            var objects = held.Where(o => o.VersionAt == version.VersionAt && (o.StixId == incidentId || o.Type == Relationship.TypeName))
                .Select(o => Parse(o.Json)).ToList();
            var snapshot = IncidentStix.FromStix(objects, incidentId);
            if (report is null)
            {
                report = IncidentReport.Received(origin, snapshot);
                db.Incidents.Add(report);
            }
            else
            {
                report.Receive(snapshot);
            }
        }
    }

    /// <summary>Keeps a partner's named group under its own identifier, newest version winning.</summary>
    public static async Task ProjectGroupAsync(LiaisonDbContext db, StixCoreObject group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(group);
        var (name, aliases, description) = group switch
        {
            IntrusionSet s => (s.Name, s.Aliases ?? [], s.Description),
            ThreatActor a => (a.Name, a.Aliases ?? [], a.Description),
            _ => throw new ArgumentException($"{group.Type} is not a named group", nameof(group)),
        };
        var id = group.Id.ToString();
        var existing = await db.NamedGroups.SingleOrDefaultAsync(g => g.StixId == id, cancellationToken);
        if (existing is null)
        {
            db.NamedGroups.Add(NamedGroup.Received(id, name, group.Type, aliases, description, group.Created.UtcDateTime));
        }
        else if (existing.IsReceived)
        {
            existing.Update(name, aliases, description);
        }
    }

    private static IStixObject Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return StixObject.Parse(document.RootElement);
    }
}
