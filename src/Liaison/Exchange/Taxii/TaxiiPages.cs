using Liaison.Protocol.Taxii;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Exchange.Taxii;

/// <summary>One page of a TAXII listing, oldest <c>date_added</c> first (TAXII 2.1 §3.3).</summary>
/// <param name="Items">At most the requested limit.</param>
/// <param name="More">Whether rows beyond <paramref name="Last"/> match (TAXII 2.1 §3.5).</param>
/// <param name="First">The <c>date_added</c> of the first item, for <c>X-TAXII-Date-Added-First</c>; null when empty.</param>
/// <param name="Last">The <c>date_added</c> of the last item, where the next page resumes; null when empty.</param>
public sealed record TaxiiPage<T>(IReadOnlyList<T> Items, bool More, DateTime? First, DateTime? Last)
{
    /// <summary>The <c>next</c> token: the position after the page's last row, bound to the filters.</summary>
    public string? Next(TaxiiFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return More && Last is { } last ? filters.CreateNextToken(last.Ticks) : null;
    }
}

/// <summary>
/// The reads behind the TAXII listings. Each page is one SQL command whatever the page size or the collection size:
/// keyset on the requester's unique <c>date_added</c> (an index in both views), <c>limit + 1</c> rows to learn
/// <c>more</c>, bodies in the same query; a page with nothing new returns no rows and so reads no bodies.
/// </summary>
public static class TaxiiPages
{
    public sealed record ObjectItem(DateTime DateAdded, string Json);

    public sealed record ManifestItem(DateTime DateAdded, string Id, string Version);

    public sealed record VersionItem(DateTime DateAdded, string Version);

    /// <summary>Get Objects (TAXII 2.1 §5.4), or Get an Object (§5.6) when <paramref name="objectId"/> is given.</summary>
    public static async Task<TaxiiPage<ObjectItem>> ObjectsAsync(
        LiaisonDbContext db, TaxiiView view, TaxiiFilters filters, int limit, string? objectId, CancellationToken cancellationToken)
    {
        var rows = await Select(db, view, filters, objectId, matchVersion: true)
            .OrderBy(r => r.DateAdded).Take(limit + 1)
            .Select(r => new ObjectItem(r.DateAdded, r.Json))
            .ToListAsync(cancellationToken);
        return Page(rows, limit, r => r.DateAdded);
    }

    /// <summary>Get Object Manifests (TAXII 2.1 §5.3): the same selection as Get Objects, without bodies.</summary>
    public static async Task<TaxiiPage<ManifestItem>> ManifestAsync(
        LiaisonDbContext db, TaxiiView view, TaxiiFilters filters, int limit, CancellationToken cancellationToken)
    {
        var rows = await Select(db, view, filters, objectId: null, matchVersion: true)
            .OrderBy(r => r.DateAdded).Take(limit + 1)
            .Select(r => new ManifestItem(r.DateAdded, r.StixId, r.Version))
            .ToListAsync(cancellationToken);
        return Page(rows, limit, r => r.DateAdded);
    }

    /// <summary>Get Object Versions (TAXII 2.1 §5.8): every version of one object, which takes no <c>match[version]</c>.</summary>
    public static async Task<TaxiiPage<VersionItem>> VersionsAsync(
        LiaisonDbContext db, TaxiiView view, TaxiiFilters filters, int limit, string objectId, CancellationToken cancellationToken)
    {
        var rows = await Select(db, view, filters, objectId, matchVersion: false)
            .OrderBy(r => r.DateAdded).Take(limit + 1)
            .Select(r => new VersionItem(r.DateAdded, r.Version))
            .ToListAsync(cancellationToken);
        return Page(rows, limit, r => r.DateAdded);
    }

    /// <summary>Whether the requester's collection holds any version of the object: 404 versus an empty page (TAXII 2.1 §5.6).</summary>
    public static Task<bool> HoldsAsync(LiaisonDbContext db, TaxiiView view, string objectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Rows(db).AnyAsync(r => r.StixId == objectId, cancellationToken);
    }

    private static IQueryable<TaxiiRow> Select(LiaisonDbContext db, TaxiiView view, TaxiiFilters filters, string? objectId, bool matchVersion)
    {
        ArgumentNullException.ThrowIfNull(view);
        var collection = view.Rows(db);
        var rows = collection.AfterPosition(filters).Matching(filters);
        if (objectId is not null)
        {
            rows = rows.Where(r => r.StixId == objectId);
        }

        return matchVersion ? rows.MatchingVersion(collection, filters.Version) : rows;
    }

    private static TaxiiPage<T> Page<T>(List<T> rows, int limit, Func<T, DateTime> dateAdded)
    {
        var more = rows.Count > limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return rows.Count == 0
            ? new TaxiiPage<T>(rows, false, null, null)
            : new TaxiiPage<T>(rows, more, dateAdded(rows[0]), dateAdded(rows[^1]));
    }
}
