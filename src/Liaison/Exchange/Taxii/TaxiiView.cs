using System.Linq.Expressions;
using Liaison.Protocol.Stix;
using Liaison.Protocol.Taxii;
using Liaison.Storage;

namespace Liaison.Exchange.Taxii;

/// <summary>One version of one object as one requester's collection holds it.</summary>
public sealed class TaxiiRow
{
    /// <summary>TAXII <c>date_added</c> in this requester's collection; unique and strictly increasing in commit order.</summary>
    public DateTime DateAdded { get; init; }

    public string StixId { get; init; } = "";

    public string Type { get; init; } = "";

    /// <summary>The version text exactly as the originator wrote it.</summary>
    public string Version { get; init; } = "";

    public DateTime VersionAt { get; init; }

    public string SpecVersion { get; init; } = "";

    public string Json { get; init; } = "";
}

/// <summary>
/// The rows of the collection as one requester sees it. A partner's collection is exactly its deliveries, each
/// with the <c>date_added</c> it got in that partner's feed; the local collection is every version held, with
/// its own <c>date_added</c>. TLP:RED is excluded from both, whatever else wrote the rows.
/// </summary>
public sealed record TaxiiView(int? PartnerId)
{
    public static TaxiiView Local { get; } = new((int?)null);

    public static TaxiiView ForPartner(int partnerId) => new(partnerId);

    public IQueryable<TaxiiRow> Rows(LiaisonDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (PartnerId is { } partnerId)
        {
            // TLP 2.0 / DESIGN §3: RED never leaves the node, even if a delivery row for it existed.
            return db.Deliveries.Where(d => d.PartnerId == partnerId && d.Shared.Tlp != TlpLevel.Red)
                .Select(d => new TaxiiRow
                {
                    DateAdded = d.AddedAt,
                    StixId = d.Shared.StixId,
                    Type = d.Shared.Type,
                    Version = d.Shared.Version,
                    VersionAt = d.Shared.VersionAt,
                    SpecVersion = d.Shared.SpecVersion,
                    Json = d.Shared.Json,
                });
        }

        return db.SharedObjects.Where(o => o.Tlp != TlpLevel.Red)
            .Select(o => new TaxiiRow
            {
                DateAdded = o.DateAdded,
                StixId = o.StixId,
                Type = o.Type,
                Version = o.Version,
                VersionAt = o.VersionAt,
                SpecVersion = o.SpecVersion,
                Json = o.Json,
            });
    }
}

/// <summary>The TAXII 2.1 §3.4 filters as query composition over a view's rows.</summary>
public static class TaxiiRowQueries
{
    /// <summary>Rows added after both <c>added_after</c> and the <c>next</c> position (TAXII 2.1 §3.4, §3.5).</summary>
    public static IQueryable<TaxiiRow> AfterPosition(this IQueryable<TaxiiRow> rows, TaxiiFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        var after = filters.AddedAfter?.UtcDateTime;
        if (filters.NextPosition is { } position)
        {
            // A made-up position reaches no further than added_after could; clamp it rather than fail.
            var resume = new DateTime(Math.Min(position, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
            after = after is { } a && a > resume ? a : resume;
        }

        return after is { } bound ? rows.Where(r => r.DateAdded > bound) : rows;
    }

    /// <summary><c>match[id]</c>, <c>match[type]</c> and <c>match[spec_version]</c>: ANDed, values within each ORed (TAXII 2.1 §3.4.1).</summary>
    public static IQueryable<TaxiiRow> Matching(this IQueryable<TaxiiRow> rows, TaxiiFilters filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        if (filters.Ids.Count > 0)
        {
            var ids = filters.Ids.Select(i => i.ToString()).ToList();
            rows = rows.Where(r => ids.Contains(r.StixId));
        }

        if (filters.Types.Count > 0)
        {
            var types = filters.Types.ToList();
            rows = rows.Where(r => types.Contains(r.Type));
        }

        // Each (id, version) is held once, in one spec version, so "the latest spec version" (TAXII 2.1 §3.4.1) is the one held.
        if (filters.SpecVersions.Count > 0)
        {
            var specVersions = filters.SpecVersions.ToList();
            rows = rows.Where(r => specVersions.Contains(r.SpecVersion));
        }

        return rows;
    }

    /// <summary>
    /// <c>match[version]</c> (TAXII 2.1 §3.4.1): <c>last</c>, <c>first</c>, <c>all</c> or exact versions, ORed.
    /// First and last are judged within <paramref name="view"/>, what this requester's collection holds, so a
    /// partner's "last" is the newest version released to it.
    /// </summary>
    public static IQueryable<TaxiiRow> MatchingVersion(this IQueryable<TaxiiRow> rows, IQueryable<TaxiiRow> view, TaxiiVersionFilter version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.All)
        {
            return rows;
        }

        Expression<Func<TaxiiRow, bool>>? predicate = null;
        if (version.Last)
        {
            predicate = Or(predicate, r => !view.Any(o => o.StixId == r.StixId && o.VersionAt > r.VersionAt));
        }

        if (version.First)
        {
            predicate = Or(predicate, r => !view.Any(o => o.StixId == r.StixId && o.VersionAt < r.VersionAt));
        }

        if (version.Specific.Count > 0)
        {
            var instants = version.Specific.Select(v => StoredStix.Stored(v.UtcDateTime)).ToList();
            predicate = Or(predicate, r => instants.Contains(r.VersionAt));
        }

        return predicate is null ? rows : rows.Where(predicate);
    }

    private static Expression<Func<TaxiiRow, bool>> Or(Expression<Func<TaxiiRow, bool>>? left, Expression<Func<TaxiiRow, bool>> right)
    {
        if (left is null)
        {
            return right;
        }

        var body = new Rebind(right.Parameters[0], left.Parameters[0]).Visit(right.Body);
        return Expression.Lambda<Func<TaxiiRow, bool>>(Expression.OrElse(left.Body, body), left.Parameters);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
