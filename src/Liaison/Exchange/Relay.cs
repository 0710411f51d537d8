using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Liaison.Exchange.Signatures;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liaison.Exchange;

/// <summary>
/// Pushes each partner's due outbox rows to its TAXII collection (TAXII 2.1 §5.5 "Add Objects"), oldest first, and
/// files the partner's signed status as the receipt: objects it lists as successes are delivered, objects it
/// refuses become dead letters with its reason, and anything else (no answer, a 5xx, a bad signature, an object
/// left out of the status) is retried with exponential backoff. Nothing is ever dropped silently.
/// </summary>
public sealed class Relay(
    IServiceScopeFactory scopes, IServiceProvider services, TimeProvider time, IOptions<ExchangeOptions> options, Puller puller, ILogger<Relay> logger) : IDisposable
{
    public const string TaxiiMediaType = "application/taxii+json;version=2.1";

    private static TaskCompletionSource _work = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly SemaphoreSlim _pass = new(1, 1);

    /// <summary>Completes at the next <see cref="Poke"/>; take it before a pass so a share during the pass is not missed.</summary>
    public static Task WorkSignal => Volatile.Read(ref _work).Task;

    /// <summary>Wakes every relay in the process: something was committed to an outbox.</summary>
    public static void Poke() =>
        Interlocked.Exchange(ref _work, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    public void Dispose() => _pass.Dispose();

    /// <summary>One pass over every trusted partner; returns how many rows were delivered.</summary>
    public async Task<int> PushOnceAsync(CancellationToken cancellationToken = default)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            var partners = await db.Partners.AsNoTracking().Where(p => p.State == PartnerState.Trusted).Select(p => p.Id).ToListAsync(cancellationToken);
            var delivered = 0;
            foreach (var partnerId in partners)
            {
                while (true)
                {
                    var (sent, more) = await PushBatchAsync(partnerId, cancellationToken);
                    delivered += sent;
                    if (!more)
                    {
                        break;
                    }
                }
            }

            return delivered;
        }
        finally
        {
            _pass.Release();
        }
    }

    /// <summary>Sends one envelope to one partner; answers how many were delivered and whether a full batch went (more may wait).</summary>
    private async Task<(int Delivered, bool More)> PushBatchAsync(int partnerId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;
        var partner = await db.Partners.Include(p => p.Party).SingleAsync(p => p.Id == partnerId, cancellationToken);
        // A partner's rows go in the order written: while its oldest pending row waits out its backoff, nothing newer
        // may go ahead of it (a row written during an outage is due at once, and each row's backoff has its own
        // spread); once the oldest is due, the oldest batch goes whole, whatever each row's own retry time.
        var pending = db.Deliveries.Where(d => d.PartnerId == partnerId && d.State == DeliveryState.Pending);
        var head = await pending.OrderBy(d => d.AddedAt).Select(d => (DateTime?)d.NextAttemptAt).FirstOrDefaultAsync(cancellationToken);
        if (head is null || head > now)
        {
            return (0, false);
        }

        var rows = await pending.Include(d => d.Shared).OrderBy(d => d.AddedAt).Take(settings.PushBatch).ToListAsync(cancellationToken);
        var sent = await SendAsync(db, partner, rows, now, cancellationToken);
        if (sent.Refused is not { } refused)
        {
            return (sent.Delivered, sent.Reached && rows.Count == settings.PushBatch);
        }

        if (rows.Count == 1 && refused.Final)
        {
            // One object the partner refuses outright (too large for its max_content_length, not readable as an
            // object): resending it unchanged cannot help, so it becomes a dead letter an administrator can see.
            DeadLetter(partner, rows[0], refused.Reason, null);
            await db.SaveChangesAsync(cancellationToken);
            return (0, true);
        }

        if (rows.Count == 1 || !Splittable(refused.Status))
        {
            return (await FailAsync(db, partner, rows, refused.Reason, now, cancellationToken), false);
        }

        // The whole envelope was refused, most likely for one object in it: without a split that object would hold
        // back every row behind it until its attempts ran out. Each object goes again in an envelope of its own, so
        // the others are delivered and only the one at fault waits or becomes a dead letter.
        logger.LogWarning("{Partner} refused an envelope of {Rows} objects ({Reason}); sending them one by one", partner.Party.Name, rows.Count, refused.Reason);
        var delivered = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var one = await SendAsync(db, partner, [rows[i]], now, cancellationToken);
            delivered += one.Delivered;
            if (!one.Reached)
            {
                // The partner went away in the middle: the rest wait with the reason the last one met.
                await FailAsync(db, partner, rows[(i + 1)..], "not sent: the partner became unreachable while a refused envelope was split", now, cancellationToken);
                return (delivered, false);
            }

            if (one.Refused is { } alone)
            {
                if (alone.Final)
                {
                    DeadLetter(partner, rows[i], alone.Reason, null);
                }
                else
                {
                    rows[i].Failed(alone.Reason, now, settings.Retry);
                }

                await db.SaveChangesAsync(cancellationToken);
            }
        }

        return (delivered, rows.Count == settings.PushBatch);
    }

    /// <summary>A whole envelope answered without a 202: its status, a reason fit for the delivery row, and whether it came signed by the partner.</summary>
    private sealed record Refusal(HttpStatusCode Status, string Reason, bool Verified)
    {
        /// <summary>The partner itself says resending this unchanged cannot succeed.</summary>
        public bool Final => Verified && Permanent(Status);
    }

    /// <summary>What one POST did: delivered rows, whether the partner answered at all, and a whole-envelope refusal left to the caller.</summary>
    private sealed record Sent(int Delivered, bool Reached, Refusal? Refused);

    /// <summary>
    /// Answers that say something about the envelope's contents rather than the link or the signature: 400 (not an
    /// envelope), 413 (over max_content_length, TAXII 2.1 §4.2.1), 422, and a 500 the partner's ingest may raise for
    /// one object. Worth splitting the envelope to find the object at fault.
    /// </summary>
    private static bool Splittable(HttpStatusCode status) =>
        status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity or HttpStatusCode.InternalServerError;

    /// <summary>Refusals of a single object that resending it unchanged cannot turn into a 202.</summary>
    private static bool Permanent(HttpStatusCode status) =>
        status is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.UnprocessableEntity;

    /// <summary>POSTs one envelope of <paramref name="rows"/> and files the signed status; a non-202 answer is returned, not filed.</summary>
    private async Task<Sent> SendAsync(LiaisonDbContext db, Partner partner, List<Delivery> rows, DateTime now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var body = Envelope(rows.Select(r => r.Shared.Json));
        using var request = new HttpRequestMessage(HttpMethod.Post, partner.CollectionObjectsUrl)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(TaxiiMediaType);
        request.Headers.Accept.ParseAdd(TaxiiMediaType);

        HttpResponseMessage response;
        try
        {
            response = await services.GetRequiredService<IPartnerClients>().For(partner).SendAsync(request, cancellationToken);
        }
        catch (PartnerSignatureException ex) when (ex.StatusCode is { } code && Splittable(code) && !cancellationToken.IsCancellationRequested)
        {
            // An unsigned refusal, typically from a reverse proxy in front of the partner (nginx answers 413 above
            // its client_max_body_size): not the partner's word, so nothing becomes a dead letter on it, but
            // smaller envelopes may well pass.
            return new Sent(0, true, new Refusal(code, $"{partner.BaseUrl} unreachable: {ex.Message}", Verified: false));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await FailAsync(db, partner, rows, $"{partner.BaseUrl} unreachable: {ex.Message}", now, cancellationToken);
            return new Sent(0, false, null);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return new Sent(0, true, new Refusal(response.StatusCode, $"{partner.BaseUrl} answered {(int)response.StatusCode}: {Shorten(text)}", Verified: true));
            }

            var status = ParseStatus(text);
            if (status is null)
            {
                await FailAsync(db, partner, rows, $"{partner.BaseUrl} answered 202 without a TAXII status", now, cancellationToken);
                return new Sent(0, true, null);
            }

            var receipt = new DeliveryReceipt(
                partner.Id, status.Id, (int)response.StatusCode, text,
                Header(response, "Content-Digest"), Header(response, "Signature-Input"), Header(response, "Signature"),
                request.Headers.TryGetValues("Content-Digest", out var digest) ? string.Join(", ", digest) : request.Content.Headers.TryGetValues("Content-Digest", out var contentDigest) ? string.Join(", ", contentDigest) : "",
                now);
            db.DeliveryReceipts.Add(receipt);
            await db.SaveChangesAsync(cancellationToken);

            var delivered = 0;
            foreach (var row in rows)
            {
                var key = (row.Shared.StixId, StoredStix.Stored(row.Shared.VersionAt));
                if (status.Successes.Contains(key))
                {
                    row.Delivered(receipt.Id, now);
                    delivered++;
                }
                else if (status.Failures.TryGetValue(key, out var reason))
                {
                    DeadLetter(partner, row, reason, receipt.Id);
                }
                else
                {
                    row.Failed($"{partner.Party.Name} did not confirm this object in status {status.Id}", now, settings.Retry);
                }
            }

            var reconnected = partner.RecordContact(now);
            await PartnerLink.SaveAsync(db, partner, cancellationToken);
            if (reconnected)
            {
                puller.Wake(partner.Id);
            }

            return new Sent(delivered, true, null);
        }
    }

    /// <summary>The partner refused this object itself: a dead letter with its reason, for an administrator to see.</summary>
    private void DeadLetter(Partner partner, Delivery row, string reason, long? receiptId)
    {
        row.Refused($"refused by {partner.Party.Name}: {reason}", receiptId);
        logger.LogWarning("Dead letter: {Partner} refused {Id} {Version}: {Reason}", partner.Party.Name, row.Shared.StixId, row.Shared.Version, reason);
    }

    private async Task<int> FailAsync(LiaisonDbContext db, Partner partner, List<Delivery> rows, string reason, DateTime now, CancellationToken cancellationToken)
    {
        logger.LogWarning("Push to {Partner} failed ({Rows} objects wait): {Reason}", partner.Party.Name, rows.Count, reason);
        foreach (var row in rows)
        {
            row.Failed(reason, now, options.Value.Retry);
        }

        partner.RecordFailure(now, reason);
        await PartnerLink.SaveAsync(db, partner, cancellationToken);
        return 0;
    }

    /// <summary>A TAXII 2.1 envelope (§3.7) around stored objects, spliced as the originator wrote them.</summary>
    public static byte[] Envelope(IEnumerable<string> objects)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("objects");
            foreach (var json in objects)
            {
                writer.WriteRawValue(json, skipInputValidation: true);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private sealed record ParsedStatus(string Id, HashSet<(string, DateTime)> Successes, Dictionary<(string, DateTime), string> Failures);

    /// <summary>Reads the parts of a TAXII 2.1 status resource (§4.3.1) the relay acts on; null if it is not one.</summary>
    private static ParsedStatus? ParseStatus(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            var successes = new HashSet<(string, DateTime)>();
            foreach (var (objectId, version, _) in Details(root, "successes"))
            {
                successes.Add((objectId, version));
            }

            var failures = new Dictionary<(string, DateTime), string>();
            foreach (var (objectId, version, message) in Details(root, "failures"))
            {
                failures[(objectId, version)] = message ?? "no reason given";
            }

            return new ParsedStatus(id.GetString()!, successes, failures);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<(string Id, DateTime Version, string? Message)> Details(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object
                && item.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && item.TryGetProperty("version", out var version) && StixTimestamp.TryParse(version.GetString(), out var at))
            {
                yield return (id.GetString()!, StoredStix.Stored(at.UtcDateTime), item.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null);
            }
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : "";

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
