using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Requests;

/// <summary>
/// How one partner's requests fared, in one direction: answered by the due time, answered after it, declined,
/// still open and overdue now, still open within time, withdrawn.
/// </summary>
public sealed record RequestCounts(string Partner, int Total, int AnsweredOnTime, int AnsweredLate, int Declined, int OverdueNow, int Open, int Withdrawn);

/// <summary>
/// Requests sent in [from, to): <c>sent</c> counts how each partner answered this party's requests, <c>received</c>
/// how this party answered each partner's.
/// </summary>
public sealed record RequestFiguresView(DateTime? From, DateTime? To, IReadOnlyList<RequestCounts> Sent, IReadOnlyList<RequestCounts> Received);

/// <summary>Requests answered on time, late, declined and overdue, per partner and direction.</summary>
public static class RequestFigures
{
    public static async Task<RequestFiguresView> QueryAsync(LiaisonDbContext db, DateTime now, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = db.Set<PartyRequest>().AsNoTracking();
        if (from is { } f)
        {
            rows = rows.Where(r => r.SentAt >= f);
        }

        if (to is { } t)
        {
            rows = rows.Where(r => r.SentAt < t);
        }

        var all = await rows.Select(r => new
        {
            Incoming = !r.OriginParty.IsSelf,
            Partner = r.OriginParty.IsSelf ? r.AddresseeParty.Name : r.OriginParty.Name,
            r.Outcome,
            r.OnTime,
            r.WithdrawnAt,
            r.Due,
        }).ToListAsync(cancellationToken);

        List<RequestCounts> Count(bool incoming) => [.. all.Where(r => r.Incoming == incoming).GroupBy(r => r.Partner).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RequestCounts(g.Key, g.Count(),
                g.Count(r => r.Outcome == RequestOutcome.Answered && r.OnTime == true),
                g.Count(r => r.Outcome == RequestOutcome.Answered && r.OnTime != true),
                g.Count(r => r.Outcome == RequestOutcome.Declined),
                g.Count(r => r.Outcome == null && r.WithdrawnAt == null && r.Due <= now),
                g.Count(r => r.Outcome == null && r.WithdrawnAt == null && r.Due > now),
                g.Count(r => r.Outcome == null && r.WithdrawnAt != null)))];

        return new RequestFiguresView(from, to, Count(incoming: false), Count(incoming: true));
    }
}
