using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Audit;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Live;
using Liaison.Protocol.Signing;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Liaison.Features.Alerts;

/// <summary>
/// How alerts travel. Each version of an own alert leaves as a <c>liaison-alert</c> released only to the parties
/// it gives a deadline; an acknowledgement leaves as a <c>liaison-acknowledgement</c> released only to the alert's
/// originator. What arrives from a partner is applied here, inside the ingest transaction.
/// </summary>
public static class AlertSharing
{
    public static async Task<IReadOnlyList<Feed.Outgoing>> OutgoingAsync(LiaisonDbContext db, Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(alert);
        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        var to = alert.Recipients.Select(r => r.Party.StixId).ToList();
        return [new(PartyStix.Identity(self), []), new(AlertStix.ToStix(alert), to)];
    }

    public static IReadOnlyList<Feed.Outgoing> Outgoing(Alert alert, AlertRecipient acknowledged)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return [new(AlertStix.Acknowledgement(alert, acknowledged), [alert.OriginParty.StixId])];
    }

    public static Task<Alert?> FindAsync(LiaisonDbContext db, string stixId, CancellationToken cancellationToken) =>
        db.Set<Alert>().Include(a => a.OriginParty).Include(a => a.Recipients).ThenInclude(r => r.Party)
            .SingleOrDefaultAsync(a => a.StixId == stixId, cancellationToken);

    /// <summary>A partner's alert version: creates the received alert, or takes a later version of it.</summary>
    public static async Task ReceiveAlertAsync(LiaisonDbContext db, TimeProvider time, Party from, StoredStix stix, ICollection<DeskSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(stix);
        ArgumentNullException.ThrowIfNull(signals);
        var version = Parse(stix.Json, LiaisonAlert.FromJson);
        var now = time.GetUtcNow().UtcDateTime;
        var self = await db.Parties.SelfAsync(cancellationToken);
        DateTime? deadline = version.AcknowledgeBy.TryGetValue(Protocol.Stix.StixId.Parse(self.StixId), out var due) ? due.UtcDateTime : null;
        var content = AlertStix.ContentOf(version);
        var alert = await FindAsync(db, version.Id.ToString(), cancellationToken);
        if (alert is null)
        {
            alert = Alert.Received(from, self, version, content, deadline, now);
            db.Add(alert);
            await db.SaveChangesAsync(cancellationToken);
            if (deadline is not null && alert.Status == AlertStatus.Active)
            {
                await Escalation.Escalation.StartAsync(db, alert.Id, now, cancellationToken);
            }
        }
        else if (alert.OriginPartyId != from.Id || !alert.Receive(version, content, now))
        {
            return;
        }
        else
        {
            var mine = alert.Recipients.SingleOrDefault(r => r.PartyId == self.Id);
            if (mine is null && deadline is { } newly)
            {
                alert.Recipients.Add(new AlertRecipient(self, newly, now, version.Modified.UtcDateTime));
                if (alert.Status == AlertStatus.Active)
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await Escalation.Escalation.StartAsync(db, alert.Id, now, cancellationToken);
                }
            }
            else if (mine is not null && deadline is { } moved)
            {
                mine.MoveDeadline(moved);
            }

            if (alert.Status != AlertStatus.Active)
            {
                await Escalation.Escalation.CancelAsync(db, alert.Id, now, cancellationToken);
            }
        }

        signals.Add(new DeskSignal("alert", alert.StixId, self.StixId, Precedences.Name(alert.Precedence), alert.SectorCodes.FirstOrDefault()));
    }

    /// <summary>
    /// A partner's acknowledgement of one of this node's alerts. It is linked only to an alert this party raised and
    /// only to the row of the party that sent it; anything else is stored (it was validly issued by the sender) but
    /// never linked, and the attempt is audited.
    /// </summary>
    public static async Task ReceiveAcknowledgementAsync(LiaisonDbContext db, TimeProvider time, Party from, StoredStix stix, ICollection<DeskSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(stix);
        ArgumentNullException.ThrowIfNull(signals);
        var acknowledgement = Parse(stix.Json, LiaisonAcknowledgement.FromJson);
        var now = time.GetUtcNow().UtcDateTime;
        var alert = await FindAsync(db, acknowledgement.AlertRef.ToString(), cancellationToken);
        var reason = alert is null ? "no alert with this id was raised here"
            : alert.IsReceived ? "the alert was raised by another party, not by this node's party"
            : alert.Recipients.All(r => r.PartyId != from.Id) ? "the alert was not addressed to the sending party"
            : null;
        if (reason is not null)
        {
            await AuditUnlinkedAsync(db, time, from, acknowledgement, reason, cancellationToken);
            return;
        }

        var row = alert!.Recipients.Single(r => r.PartyId == from.Id);
        if (!row.Acknowledge(acknowledgement.Id.ToString(), acknowledgement.Acknowledged.UtcDateTime, acknowledgement.AcknowledgedBy,
            acknowledgement.Response, acknowledgement.ActionTaken, now))
        {
            return;
        }

        await AlertDeliveries.SyncAsync(db, [alert], now, cancellationToken);
        alert.Events.Add(new AlertEvent(AlertEvents.Acknowledged, now, acknowledgement.AcknowledgedBy, from.StixId,
            $"{from.Name}: {(row.OnTime == true ? "on time" : "late")}" + (acknowledgement.Response is null ? "" : $" — {acknowledgement.Response}")));
        signals.Add(new DeskSignal("acknowledgement", alert.StixId, null, Precedences.Name(alert.Precedence), alert.SectorCodes.FirstOrDefault()));
    }

    private static async Task AuditUnlinkedAsync(LiaisonDbContext db, TimeProvider time, Party from, LiaisonAcknowledgement acknowledgement, string reason, CancellationToken cancellationToken)
    {
        // Written in the ingest transaction itself: a second connection would wait on SQLite's write lock until
        // this very transaction ends. The chain needs the node key, which lives in the application's services.
        var key = ((IInfrastructure<IServiceProvider>)db).Instance.GetService(typeof(IDbContextOptions)) is IDbContextOptions options
            ? options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService(typeof(NodeKey)) as NodeKey
            : null;
        if (key is null)
        {
            return;
        }

        await AuditLog.AppendAsync(db, new AuditRecord($"partner:{from.StixId}", "alert.acknowledgement-not-linked", "refused", acknowledgement.Id.ToString(),
            new JsonObject { ["alert_ref"] = acknowledgement.AlertRef.ToString(), ["reason"] = reason, ["from"] = from.Name }), key, time, cancellationToken);
    }

    private static T Parse<T>(string json, Func<JsonElement, T> read)
    {
        using var document = JsonDocument.Parse(json);
        return read(document.RootElement);
    }
}
