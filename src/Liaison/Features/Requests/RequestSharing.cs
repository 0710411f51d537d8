using System.Text.Json;
using Liaison.Exchange;
using Liaison.Features.Alerts;
using Liaison.Features.Parties;
using Liaison.Live;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Requests;

/// <summary>
/// How requests travel. Each version of an own request leaves as a <c>liaison-request</c> released only to its
/// addressee; each response leaves as a <c>liaison-response</c> released only to the requester. What arrives from
/// a partner is applied here, inside the ingest transaction.
/// </summary>
public static class RequestSharing
{
    public static async Task<IReadOnlyList<Feed.Outgoing>> OutgoingAsync(LiaisonDbContext db, PartyRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        return [new(PartyStix.Identity(self), []), new(RequestStix.ToStix(request), [request.AddresseeParty.StixId])];
    }

    public static Feed.Outgoing Outgoing(LiaisonResponse response, PartyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(response, [request.OriginParty.StixId]);
    }

    public static Task<PartyRequest?> FindAsync(LiaisonDbContext db, string stixId, CancellationToken cancellationToken) =>
        db.Set<PartyRequest>().Include(r => r.OriginParty).Include(r => r.AddresseeParty)
            .SingleOrDefaultAsync(r => r.StixId == stixId, cancellationToken);

    /// <summary>
    /// A partner's request version. The partner released it to this party only, so this party is its addressee.
    /// A version of a request some other party originated is not the sender's to issue and changes nothing.
    /// </summary>
    public static async Task ReceiveRequestAsync(LiaisonDbContext db, TimeProvider time, Party from, StoredStix stix, ICollection<DeskSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(stix);
        ArgumentNullException.ThrowIfNull(signals);
        var version = Parse(stix.Json, LiaisonRequest.FromJson);
        var now = time.GetUtcNow().UtcDateTime;
        var self = await db.Parties.SelfAsync(cancellationToken);
        var request = await FindAsync(db, version.Id.ToString(), cancellationToken);
        if (request is null)
        {
            request = PartyRequest.Received(from, self, version, RequestStix.ContentOf(version), now);
            db.Add(request);
        }
        else if (request.OriginPartyId != from.Id || !request.Receive(version, now))
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        signals.Add(new DeskSignal("request", request.StixId, self.StixId, Precedences.Name(request.Priority), request.SectorCodes.FirstOrDefault()));
    }

    /// <summary>
    /// A partner's response to one of this party's requests. It is linked only to a request this party sent to that
    /// very partner; anything else stays in the shared store only (it was validly issued by the sender).
    /// </summary>
    public static async Task ReceiveResponseAsync(LiaisonDbContext db, TimeProvider time, Party from, StoredStix stix, ICollection<DeskSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(stix);
        ArgumentNullException.ThrowIfNull(signals);
        var response = Parse(stix.Json, LiaisonResponse.FromJson);
        var now = time.GetUtcNow().UtcDateTime;
        var request = await FindAsync(db, response.RequestRef.ToString(), cancellationToken);
        if (request is null || request.IsReceived || request.AddresseePartyId != from.Id)
        {
            return;
        }

        var by = Trim(response.RespondedBy, RequestLimits.Name);
        var stated = response.Created.UtcDateTime;
        var changed = response.ResponseType == RequestStates.Acknowledged
            ? request.Acknowledge(response.Id.ToString(), stated, by, now)
            : request.Respond(response.Id.ToString(), response.ResponseType == RequestStates.Answered ? RequestOutcome.Answered : RequestOutcome.Declined,
                response.Text is null ? null : Trim(response.Text, RequestLimits.Text), response.Reason is null ? null : Trim(response.Reason, RequestLimits.Reason),
                [.. (response.RecordRefs ?? []).Take(RequestLimits.Refs).Select(r => r.ToString())], stated, by, now);
        if (!changed)
        {
            return;
        }

        // An answer that arrives before the receipt is noted: the delivery happened, whatever the order of news.
        await RequestDeliveries.SyncAsync(db, [request], cancellationToken);
        signals.Add(new DeskSignal("request", request.StixId, null, Precedences.Name(request.Priority), request.SectorCodes.FirstOrDefault()));
    }

    private static string Trim(string text, int max) => text.Length > max ? text[..max] : text;

    private static T Parse<T>(string json, Func<JsonElement, T> read)
    {
        using var document = JsonDocument.Parse(json);
        return read(document.RootElement);
    }
}

/// <summary>Copies the addressee's signed delivery receipt onto each own request once the outbox has one.</summary>
public static class RequestDeliveries
{
    /// <summary>For each own request not yet delivered: the first delivery of any of its versions to the addressee, confirmed by its signed TAXII status.</summary>
    public static async Task SyncAsync(LiaisonDbContext db, IReadOnlyCollection<PartyRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(requests);
        var open = requests.Where(r => r.DeliveredAt is null && !r.IsReceived).ToList();
        if (open.Count == 0)
        {
            return;
        }

        var ids = open.Select(r => r.StixId).ToList();
        var delivered = await db.Set<Delivery>().AsNoTracking()
            .Where(d => d.State == DeliveryState.Delivered && d.DeliveredAt != null && ids.Contains(d.Shared.StixId))
            .Select(d => new { d.Shared.StixId, d.Partner.PartyId, d.DeliveredAt, d.ReceiptId })
            .ToListAsync(cancellationToken);
        foreach (var request in open)
        {
            var first = delivered.Where(d => d.StixId == request.StixId && d.PartyId == request.AddresseePartyId).OrderBy(d => d.DeliveredAt).FirstOrDefault();
            if (first is not null)
            {
                request.Delivered(first.DeliveredAt!.Value, first.ReceiptId);
            }
        }
    }
}
