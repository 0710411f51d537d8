using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Audit;
using Liaison.Features.Incidents;
using Liaison.Features.Parties;
using Liaison.Live;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Exchange;

/// <summary>
/// Takes in objects from a partner, whether pushed to this node's TAXII collection or pulled from the partner's.
/// Each object is checked on its own — readable STIX, issued by the sender (STIX 2.1 §3.2 <c>created_by_ref</c>),
/// not a version of another party's record — and each new <c>(id, modified)</c> is stored exactly once. The
/// answer lists every object's fate, as the TAXII status resource does (TAXII 2.1 §4.3.1).
/// </summary>
public static class Ingest
{
    /// <summary>What became of one received object; <see cref="Id"/> and <see cref="Version"/> are null when unreadable.</summary>
    public sealed record ObjectResult(string? Id, string? Version, bool Success, string? Message, bool Added = false);

    private static readonly HashSet<string> WellKnown =
    [
        .. Tlp.All.Select(t => t.Id.ToString()),
        .. LiaisonExtensions.DefinitionObjects.Select(o => o.Id.ToString()),
    ];

    /// <summary>
    /// Checks, stores and applies a batch from <paramref name="from"/> in one transaction. Refusals are recorded in
    /// <paramref name="audit"/> when given: a partner trying to write what it does not own is worth an administrator's look.
    /// </summary>
    public static async Task<IReadOnlyList<ObjectResult>> ReceiveAsync(
        LiaisonDbContext db, TimeProvider time, Partner from, IReadOnlyList<string> objects, CancellationToken cancellationToken, AuditLog? audit = null, DeskEvents? events = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(objects);
        var party = from.Party ?? await db.Parties.SingleAsync(p => p.Id == from.PartyId, cancellationToken);
        var results = new ObjectResult?[objects.Count];
        var accepted = new List<(int Index, StoredStix Stix, IStixObject Parsed)>();
        var signals = new List<DeskSignal>();

        for (var i = 0; i < objects.Count; i++)
        {
            StoredStix stix;
            IStixObject parsed;
            try
            {
                stix = StoredStix.FromJson(objects[i]);
                using var document = JsonDocument.Parse(objects[i]);
                parsed = StixObject.Parse(document.RootElement);
            }
            catch (Exception ex) when (ex is JsonException or FormatException)
            {
                results[i] = new ObjectResult(TryId(objects[i]), null, false, $"not a valid STIX 2.1 object: {ex.Message}");
                continue;
            }

            if (WellKnown.Contains(stix.Id))
            {
                // Published definitions (TLP 2.0 markings, Liaison's extensions) every node already holds.
                results[i] = new ObjectResult(stix.Id, stix.Version, true, "well-known definition, already held");
                continue;
            }

            var ownIdentity = stix.Type == Identity.TypeName && stix.Id == party.StixId;
            if (!ownIdentity && stix.CreatedByRef != party.StixId)
            {
                results[i] = new ObjectResult(stix.Id, stix.Version, false,
                    $"created_by_ref {stix.CreatedByRef ?? "(none)"} is not the sender's identity {party.StixId}: a party may only issue its own records");
                continue;
            }

            accepted.Add((i, stix, parsed));
        }

        if (accepted.Count > 0)
        {
            await using var transaction = await Feed.BeginAsync(db, cancellationToken);
            var ids = accepted.Select(a => a.Stix.Id).Distinct().ToList();
            var foreign = await db.SharedObjects.Where(o => ids.Contains(o.StixId) && o.OriginPartyId != party.Id)
                .Select(o => o.StixId).Distinct().ToListAsync(cancellationToken);
            var own = accepted.Where(a => !foreign.Contains(a.Stix.Id)).ToList();
            foreach (var refused in accepted.Where(a => foreign.Contains(a.Stix.Id)))
            {
                results[refused.Index] = new ObjectResult(refused.Stix.Id, refused.Stix.Version, false,
                    "this id belongs to a record another party issued; only its originator issues versions of it");
            }

            var appended = await Feed.AppendAsync(
                db, time, [.. own.Select(a => new Feed.Item(a.Stix, party.Id, new ReleaseFacts(party.Id, a.Stix.Tlp, [], [])))], cancellationToken);
            var incidents = new HashSet<string>(StringComparer.Ordinal);
            for (var k = 0; k < own.Count; k++)
            {
                var (index, stix, parsed) = own[k];
                var added = appended[k].Outcome == Feed.Outcome.Added;
                results[index] = new ObjectResult(stix.Id, stix.Version, true, added ? null : "already held", added);
                if (!added)
                {
                    continue;
                }

                switch (parsed)
                {
                    case Protocol.Stix.Incident:
                        incidents.Add(stix.Id);
                        break;
                    case Relationship r:
                        incidents.Add(r.SourceRef.ToString());
                        break;
                    case IntrusionSet or ThreatActor:
                        await IncidentSharing.ProjectGroupAsync(db, (StixCoreObject)parsed, cancellationToken);
                        break;
                    default:
                        if (ReceivedObjects.For(stix.Type) is { } apply)
                        {
                            await apply(db, time, party, stix, signals, cancellationToken);
                        }

                        break;
                }

                await ForgetAppliedAsync(db, from, party, cancellationToken);
            }

            foreach (var incident in incidents.Where(id => id.StartsWith(Protocol.Stix.Incident.TypeName + "--", StringComparison.Ordinal)))
            {
                await IncidentSharing.ProjectAsync(db, party, incident, cancellationToken);
                signals.Add(new DeskSignal("incident", incident, party.StixId));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var signal in signals)
            {
                events?.Publish(signal);
            }
        }

        var final = results.Select(r => r!).ToList();
        if (audit is not null && final.Any(r => !r.Success))
        {
            var refused = new JsonArray([.. final.Where(r => !r.Success).Take(50).Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["version"] = r.Version, ["reason"] = r.Message })]);
            await audit.AppendAsync(
                new AuditRecord($"partner:{party.StixId}", "exchange.objects-refused", "refused", party.Name, new JsonObject { ["count"] = final.Count(r => !r.Success), ["objects"] = refused }),
                cancellationToken);
        }

        return final;
    }

    /// <summary>
    /// Saves what the object just applied changed (still inside the ingest transaction) and stops tracking it. Every
    /// applier saves as it goes, and each save scans every tracked entity: tracked work piling up over a pushed
    /// envelope or a pulled page made its ingest quadratic (docs/benchmarks.md: 78 % of the time of taking in 500
    /// alerts went to change detection). The sender's link (the caller goes on to update it) and party (appliers point new
    /// records at it) stay tracked; appliers query everything else afresh.
    /// </summary>
    private static async Task ForgetAppliedAsync(LiaisonDbContext db, Partner from, Party party, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (!ReferenceEquals(entry.Entity, from) && !ReferenceEquals(entry.Entity, from.Party) && !ReferenceEquals(entry.Entity, party))
            {
                entry.State = EntityState.Detached;
            }
        }
    }

    private static string? TryId(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
