using System.Buffers;
using System.Text.Json;
using Liaison.Audit;
using Liaison.Live;
using Liaison.Protocol.Taxii;
using Liaison.Storage;

namespace Liaison.Exchange.Taxii;

/// <summary>
/// Add Objects (TAXII 2.1 §5.5): a partner node pushes its own records. Every object is checked and stored on its own
/// by <see cref="Ingest"/>; the answer is 202 with a complete status listing each object as a success or a failure
/// (§4.3.1), kept so the partner can fetch it again at <c>status/{id}/</c>.
/// </summary>
public static class AddObjects
{
    public static async Task<IResult> AddAsync(
        string collection, HttpContext http, LiaisonDbContext db, TimeProvider time, AuditLog audit)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        if (CollectionRoute.NotFound(collection) is { } missing)
        {
            return missing;
        }

        var requester = TaxiiRequester.Of(http);
        if (requester.Partner is not { } partner)
        {
            // TAXII 2.1 §5.5: can_write is false for this requester.
            return TaxiiResult.Error(StatusCodes.Status403Forbidden, "Read-only collection",
                "Local accounts read the collection; only paired partner nodes add objects, by signed requests.");
        }

        var contentType = TaxiiMediaTypes.CheckContentType(http.Request.ContentType);
        if (!contentType.IsAcceptable)
        {
            return TaxiiResult.Error(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", contentType.Problem);
        }

        // A signed request's body is already in memory (the signature middleware verified it), and from here the
        // envelope is taken in whole even if the sender stops waiting for the answer (its attempt timed out on a busy
        // node or a slow link): its retry then finds every object already held and is answered at once. Giving up
        // with the sender would roll the work back, and a node slower than the sender's timeout would never take an
        // envelope in by push at all. Only the node's shutdown stops it.
        var ingest = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var body = http.Request.ContentLength is > ServerInformation.MaxContentLength
            ? null
            : await ReadCappedAsync(http.Request.Body, ServerInformation.MaxContentLength, ingest);
        if (body is null)
        {
            return TaxiiResult.Error(StatusCodes.Status413PayloadTooLarge, "Request too large",
                $"The body exceeds this API root's max_content_length of {ServerInformation.MaxContentLength} octets (TAXII 2.1 §4.2.1); send fewer objects per request.");
        }

        var received = time.GetUtcNow();
        if (ReadEnvelope(body.Value) is not { } objects)
        {
            return TaxiiResult.Error(StatusCodes.Status400BadRequest, "Not an envelope",
                "The body must be a TAXII envelope: a JSON object whose objects member is a list of STIX objects (TAXII 2.1 §3.7).");
        }

        var results = await Ingest.ReceiveAsync(db, time, partner, [.. objects.Select(o => o.Json)], ingest, audit, http.RequestServices.GetService<DeskEvents>());
        var successes = new List<TaxiiStatusDetails>();
        var failures = new List<TaxiiStatusDetails>();
        for (var i = 0; i < results.Count; i++)
        {
            var result = results[i];
            var details = new TaxiiStatusDetails { Id = result.Id ?? objects[i].Id, Version = result.Version ?? objects[i].Version, Message = result.Message };
            (result.Success ? successes : failures).Add(details);
        }

        var status = TaxiiStatus.FromOutcome(Guid.NewGuid(), TaxiiTimestamp.TruncateToMicroseconds(received), successes, failures);
        var json = TaxiiJson.Serialize(status);
        db.TaxiiStatuses.Add(new TaxiiStatusRecord(status.Id.ToString(), requester.Key, json, received.UtcDateTime));
        await db.SaveChangesAsync(ingest);
        return TaxiiResult.Raw(System.Text.Encoding.UTF8.GetBytes(json), StatusCodes.Status202Accepted);
    }

    /// <summary>One object of the envelope: its exact text, and its id and version as far as they can be read.</summary>
    private sealed record Received(string Json, string Id, string Version);

    /// <summary>The envelope's objects (TAXII 2.1 §3.7), each as its exact text; null when the body is not an envelope.</summary>
    private static List<Received>? ReadEnvelope(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (!root.TryGetProperty("objects", out var list))
            {
                return [];
            }

            return list.ValueKind != JsonValueKind.Array
                ? null
                : [.. list.EnumerateArray().Select(o => new Received(o.GetRawText(), Text(o, "id") ?? "", Text(o, "modified") ?? Text(o, "created") ?? ""))];
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Reads the body, giving up (null) as soon as it passes <paramref name="max"/>, whatever Content-Length claimed.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadCappedAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }
}
