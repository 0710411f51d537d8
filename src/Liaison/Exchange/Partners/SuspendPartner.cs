using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liaison.Exchange.Partners;

/// <summary>
/// An administrator stops or restarts the link to a partner. Suspending keeps what would be sent in the outbox;
/// resuming a partner that was trusted writes the deliveries it is owed (<see cref="Feed.BackfillAsync"/>) so it
/// gets every record released to it. Both are idempotent: suspending a suspended partner changes nothing.
/// </summary>
public static class SuspendPartner
{
    public static async Task<Results<Ok<PartnerView>, ProblemHttpResult>> SuspendAsync(
        int id, LiaisonDbContext db, TimeProvider time, IOptions<ExchangeOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return PartnerProblems.NotFound(id);
        }

        partner.Suspend();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await PartnerOverview.GetAsync(db, id, time.GetUtcNow().UtcDateTime, options.Value.PullInterval, cancellationToken))!);
    }

    public static async Task<Results<Ok<PartnerView>, ProblemHttpResult>> ResumeAsync(
        int id, LiaisonDbContext db, TimeProvider time, IOptions<ExchangeOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return PartnerProblems.NotFound(id);
        }

        if (partner.State == PartnerState.Suspended)
        {
            partner.Resume();
            await db.SaveChangesAsync(cancellationToken);

            // Committed first: from here every new share already includes the partner, and the backfill, serialized
            // with shares (Feed.BeginAsync), writes what came before. Nothing falls between the two.
            if (partner.State == PartnerState.Trusted)
            {
                await Feed.BackfillAsync(db, time, partner.Id, cancellationToken);
            }
        }

        return TypedResults.Ok((await PartnerOverview.GetAsync(db, id, time.GetUtcNow().UtcDateTime, options.Value.PullInterval, cancellationToken))!);
    }
}

internal static class PartnerProblems
{
    /// <summary>RFC 9457 problem naming the route field that matched nothing.</summary>
    public static ProblemHttpResult NotFound(int id) => TypedResults.Problem(
        title: "No such partner",
        detail: $"There is no partner with id {id}.",
        statusCode: StatusCodes.Status404NotFound,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["id"] = ["matches no partner"] } });
}
