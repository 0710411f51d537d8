using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Requests;

/// <summary>The request list with its filters, one request, and a request's timeline.</summary>
public static class RequestReads
{
    public const int MaxPage = 500;

    public sealed record Page(IReadOnlyList<RequestView> Items, string? Next);

    /// <summary>
    /// Filters: <c>direction</c> (in, out), <c>state</c> (sent, delivered, acknowledged, answered, declined,
    /// withdrawn), <c>open</c> (true: still owed a response), <c>overdue</c> (true: due time passed with no response);
    /// newest first, <c>limit</c> and <c>cursor</c> page.
    /// </summary>
    public static async Task<Results<Ok<Page>, ValidationProblem>> ListAsync(
        string? direction, string? state, bool? open, bool? overdue, int? limit, string? cursor,
        LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var after = 0;
        var validation = new Validation()
            .When(direction is not (null or "in" or "out"), "direction", "must be in or out")
            .When(state is not null && !RequestStates.All.Contains(state), "state", $"must be one of: {string.Join(", ", RequestStates.All)}")
            .When(limit is < 1 or > MaxPage, "limit", $"must be between 1 and {MaxPage}")
            .When(cursor is not null && (!int.TryParse(cursor, out after) || after < 1), "cursor", "is not a cursor this list gave");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var query = db.Set<PartyRequest>().AsNoTracking().Include(r => r.OriginParty).Include(r => r.AddresseeParty).AsQueryable();
        query = direction switch
        {
            "out" => query.Where(r => r.OriginParty.IsSelf),
            "in" => query.Where(r => !r.OriginParty.IsSelf),
            _ => query,
        };
        query = state switch
        {
            RequestStates.Answered => query.Where(r => r.Outcome == RequestOutcome.Answered),
            RequestStates.Declined => query.Where(r => r.Outcome == RequestOutcome.Declined),
            RequestStates.Withdrawn => query.Where(r => r.Outcome == null && r.WithdrawnAt != null),
            RequestStates.Acknowledged => query.Where(r => r.Outcome == null && r.WithdrawnAt == null && r.AcknowledgedAt != null),
            RequestStates.Delivered => query.Where(r => r.Outcome == null && r.WithdrawnAt == null && r.AcknowledgedAt == null && r.DeliveredAt != null),
            RequestStates.Sent => query.Where(r => r.Outcome == null && r.WithdrawnAt == null && r.AcknowledgedAt == null && r.DeliveredAt == null),
            _ => query,
        };
        if (open is { } o)
        {
            query = o ? query.Where(r => r.Outcome == null && r.WithdrawnAt == null) : query.Where(r => r.Outcome != null || r.WithdrawnAt != null);
        }

        if (overdue is { } od)
        {
            query = od
                ? query.Where(r => r.Outcome == null && r.WithdrawnAt == null && r.Due <= now)
                : query.Where(r => r.Outcome != null || r.WithdrawnAt != null || r.Due > now);
        }

        if (cursor is not null)
        {
            query = query.Where(r => r.Id < after);
        }

        var take = limit ?? 100;
        var rows = await query.OrderByDescending(r => r.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? rows[take - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page([.. rows.Take(take).Select(r => RequestView.Of(r, now))], next));
    }

    public static async Task<Results<Ok<RequestView>, NotFound>> GetAsync(string id, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var request = await db.Set<PartyRequest>().AsNoTracking().Include(r => r.OriginParty).Include(r => r.AddresseeParty)
            .SingleOrDefaultAsync(r => r.StixId == id, cancellationToken);
        return request is null ? TypedResults.NotFound() : TypedResults.Ok(RequestView.Of(request, time.GetUtcNow().UtcDateTime));
    }

    public static async Task<Results<Ok<IReadOnlyList<RequestEventView>>, NotFound>> TimelineAsync(string id, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var requestId = await db.Set<PartyRequest>().Where(r => r.StixId == id).Select(r => (int?)r.Id).SingleOrDefaultAsync(cancellationToken);
        if (requestId is null)
        {
            return TypedResults.NotFound();
        }

        var events = await db.Set<RequestEvent>().AsNoTracking().Where(e => e.RequestId == requestId).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new RequestEventView(e.Kind, e.At, e.Actor, e.Party, e.Detail)).ToListAsync(cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RequestEventView>>(events);
    }
}
