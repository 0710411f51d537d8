using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Exchange.Partners;

/// <summary>
/// Deliveries a partner refused, or that failed more often than the retry budget allows (DESIGN §3: "failures are
/// visible to an administrator, never silent"), and the administrator's way to send them again.
/// </summary>
public static class DeadLetters
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 500;

    /// <summary>One dead letter; <c>AddedAt</c> is when the version was queued for the partner (its TAXII <c>date_added</c> there).</summary>
    public sealed record DeadLetterView(long Seq, string ObjectId, string ObjectType, string Version, int Attempts, string? LastError, DateTime AddedAt);

    /// <summary>A page, oldest first; pass <see cref="Next"/> as <c>after</c> for the following one.</summary>
    public sealed record DeadLetterPage(int Total, IReadOnlyList<DeadLetterView> Items, long? Next);

    /// <summary>Which dead letters to send again: the listed delivery seqs, or all of the partner's when null or empty.</summary>
    public sealed record RetryRequest(IReadOnlyList<long>? Seqs);

    public sealed record RetryResult(int Retried);

    public static async Task<Results<Ok<DeadLetterPage>, ValidationProblem, ProblemHttpResult>> ListAsync(
        int id, long? after, int? limit, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var validation = new Validation()
            .When(limit is < 1 or > MaxLimit, "limit", $"must be between 1 and {MaxLimit}")
            .When(after is < 0, "after", "must be a delivery seq (0 or more)");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        if (!await db.Partners.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return PartnerProblems.NotFound(id);
        }

        return TypedResults.Ok(await PageAsync(db, id, after, limit ?? DefaultLimit, cancellationToken));
    }

    public static async Task<DeadLetterPage> PageAsync(LiaisonDbContext db, int partnerId, long? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var letters = db.Deliveries.AsNoTracking().Where(d => d.PartnerId == partnerId && d.State == DeliveryState.DeadLetter);
        var total = await letters.CountAsync(cancellationToken);
        var from = after ?? 0;
        var items = await letters.Where(d => d.Seq > from).OrderBy(d => d.Seq).Take(limit + 1)
            .Select(d => new DeadLetterView(d.Seq, d.Shared.StixId, d.Shared.Type, d.Shared.Version, d.Attempts, d.LastError, d.AddedAt))
            .ToListAsync(cancellationToken);
        var more = items.Count > limit;
        if (more)
        {
            items.RemoveAt(limit);
        }

        return new DeadLetterPage(total, items, more ? items[^1].Seq : null);
    }

    public static async Task<Results<Ok<RetryResult>, ValidationProblem, ProblemHttpResult>> RetryAsync(
        int id, RetryRequest? request, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (!await db.Partners.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return PartnerProblems.NotFound(id);
        }

        var seqs = request?.Seqs?.Distinct().ToList() ?? [];
        if (seqs.Count > MaxLimit)
        {
            return new Validation().Add("seqs", $"must list at most {MaxLimit} deliveries; leave it out to retry all").Problem();
        }

        if (seqs.Count > 0)
        {
            var rows = await db.Deliveries.Where(d => d.PartnerId == id && seqs.Contains(d.Seq)).ToListAsync(cancellationToken);
            var validation = new Validation();
            for (var i = 0; i < seqs.Count; i++)
            {
                var row = rows.FirstOrDefault(r => r.Seq == seqs[i]);
                validation.When(row is null, $"seqs[{i}]", "is not a delivery to this partner")
                    .When(row is { State: not DeliveryState.DeadLetter }, $"seqs[{i}]", "is not a dead letter");
            }

            if (!validation.IsValid)
            {
                return validation.Problem();
            }

            return TypedResults.Ok(new RetryResult(await RetryRowsAsync(db, rows, time, cancellationToken)));
        }

        var retried = 0;
        while (true)
        {
            // In batches, so retrying a long-dead link does not load its whole outbox at once.
            var batch = await db.Deliveries.Where(d => d.PartnerId == id && d.State == DeliveryState.DeadLetter)
                .OrderBy(d => d.Seq).Take(MaxLimit).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            retried += await RetryRowsAsync(db, batch, time, cancellationToken);
            db.ChangeTracker.Clear();
        }

        return TypedResults.Ok(new RetryResult(retried));
    }

    private static async Task<int> RetryRowsAsync(LiaisonDbContext db, List<Delivery> rows, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var row in rows)
        {
            row.Retry(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        Relay.Poke();
        return rows.Count;
    }
}
