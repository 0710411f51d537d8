using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Liaison.Protocol.Stix;
using Liaison.Protocol.Taxii;
using Liaison.Storage;

namespace Liaison.Exchange.Taxii;

/// <summary>
/// Get Objects, Get an Object, Get Object Versions and Get Object Manifests (TAXII 2.1 §5.3, §5.4, §5.6, §5.8), over
/// the requester's view. Each answers one page (see <see cref="TaxiiPages"/>) with the <c>X-TAXII-Date-Added-First</c>
/// and <c>-Last</c> headers of that page (§3.2).
/// </summary>
public static class ObjectReads
{
    /// <summary>Objects per page when the client gives no <c>limit</c>.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The most objects per page, whatever <c>limit</c> asks (TAXII 2.1 §3.4: a larger limit is clamped, not refused).</summary>
    public const int MaxLimit = 1000;

    public static async Task<IResult> GetObjectsAsync(string collection, HttpContext http, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (CollectionRoute.NotFound(collection) is { } missing)
        {
            return missing;
        }

        if (!TryReadFilters(http.Request, TaxiiQueryParameters.GetObjects, out var filters, out var limit, out var invalid))
        {
            return invalid;
        }

        var page = await TaxiiPages.ObjectsAsync(db, TaxiiRequester.Of(http).View, filters, limit, objectId: null, cancellationToken);
        return Envelope(page, filters);
    }

    public static async Task<IResult> GetObjectAsync(string collection, string objectId, HttpContext http, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (CollectionRoute.NotFound(collection) is { } missing)
        {
            return missing;
        }

        if (!TryReadFilters(http.Request, TaxiiQueryParameters.GetAnObject, out var filters, out var limit, out var invalid))
        {
            return invalid;
        }

        var view = TaxiiRequester.Of(http).View;
        if (!StixId.TryParse(objectId, out _))
        {
            return ObjectNotFound(objectId);
        }

        var page = await TaxiiPages.ObjectsAsync(db, view, filters, limit, objectId, cancellationToken);
        if (page.Items.Count == 0 && !await TaxiiPages.HoldsAsync(db, view, objectId, cancellationToken))
        {
            return ObjectNotFound(objectId);
        }

        return Envelope(page, filters);
    }

    public static async Task<IResult> GetVersionsAsync(string collection, string objectId, HttpContext http, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (CollectionRoute.NotFound(collection) is { } missing)
        {
            return missing;
        }

        if (!TryReadFilters(http.Request, TaxiiQueryParameters.GetObjectVersions, out var filters, out var limit, out var invalid))
        {
            return invalid;
        }

        var view = TaxiiRequester.Of(http).View;
        if (!StixId.TryParse(objectId, out _))
        {
            return ObjectNotFound(objectId);
        }

        var page = await TaxiiPages.VersionsAsync(db, view, filters, limit, objectId, cancellationToken);
        if (page.Items.Count == 0 && !await TaxiiPages.HoldsAsync(db, view, objectId, cancellationToken))
        {
            return ObjectNotFound(objectId);
        }

        var versions = new TaxiiVersions { More = page.More, Next = page.Next(filters), Versions = [.. page.Items.Select(v => v.Version)] };
        return TaxiiResult.Resource(versions).WithDateAdded(page.First, page.Last);
    }

    public static async Task<IResult> GetManifestAsync(string collection, HttpContext http, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (CollectionRoute.NotFound(collection) is { } missing)
        {
            return missing;
        }

        if (!TryReadFilters(http.Request, TaxiiQueryParameters.GetObjects, out var filters, out var limit, out var invalid))
        {
            return invalid;
        }

        var page = await TaxiiPages.ManifestAsync(db, TaxiiRequester.Of(http).View, filters, limit, cancellationToken);
        var manifest = new TaxiiManifest
        {
            More = page.More,
            Next = page.Next(filters),
            Objects = [.. page.Items.Select(m => new TaxiiManifestRecord
            {
                Id = m.Id,
                DateAdded = new DateTimeOffset(DateTime.SpecifyKind(m.DateAdded, DateTimeKind.Utc)),
                Version = m.Version,
                MediaType = TaxiiMediaTypes.Stix21,
            })],
        };
        return TaxiiResult.Resource(manifest).WithDateAdded(page.First, page.Last);
    }

    /// <summary>Parses the query (TAXII 2.1 §3.4); a bad one becomes a 400 naming each bad parameter.</summary>
    public static bool TryReadFilters(
        HttpRequest request,
        TaxiiQueryParameters supported,
        [NotNullWhen(true)] out TaxiiFilters? filters,
        out int limit,
        [NotNullWhen(false)] out TaxiiResult? invalid)
    {
        ArgumentNullException.ThrowIfNull(request);
        var pairs = request.Query.SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)));
        if (!TaxiiFilters.TryParse(pairs, supported, MaxLimit, out filters, out var errors))
        {
            limit = 0;
            invalid = TaxiiResult.QueryErrors(errors);
            return false;
        }

        limit = request.Query.ContainsKey("limit") ? filters.Limit : DefaultLimit;
        invalid = null;
        return true;
    }

    /// <summary>The envelope (TAXII 2.1 §3.7) with each stored object spliced in as written, never re-serialized.</summary>
    private static TaxiiResult Envelope(TaxiiPage<TaxiiPages.ObjectItem> page, TaxiiFilters filters)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = TaxiiJson.SerializerOptions.Encoder }))
        {
            TaxiiEnvelopeWriter.Write(writer, page.Items.Select(o => o.Json), page.More, page.Next(filters));
        }

        return TaxiiResult.Raw(buffer.WrittenMemory).WithDateAdded(page.First, page.Last);
    }

    private static TaxiiResult ObjectNotFound(string objectId) =>
        TaxiiResult.Error(StatusCodes.Status404NotFound, "Object not found", $"The collection holds no object {Shorten(objectId)} that you may see.");

    private static string Shorten(string value) => value.Length <= 120 ? value : value[..120] + "…";
}
