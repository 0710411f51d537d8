using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Alerts;

/// <summary>Time to acknowledge for one group of acknowledged alerts: seconds from sending to acknowledgement.</summary>
public sealed record AckTimes(string Group, int Acknowledged, int OnTime, int Late, double? MedianSeconds, double? P90Seconds);

/// <summary>An own alert's recipient that is past its deadline right now.</summary>
public sealed record OverdueNow(string AlertId, string Title, string Precedence, string Party, DateTime Deadline, long OverdueSeconds);

/// <summary>The figures, for own alerts sent in [from, to).</summary>
public sealed record AlertFiguresView(DateTime? From, DateTime? To, IReadOnlyList<AckTimes> ByPrecedence, IReadOnlyList<AckTimes> ByPartner, IReadOnlyList<OverdueNow> OverdueNow);

/// <summary>
/// How fast partners acknowledge this party's alerts: per precedence and per partner, the median and 90th
/// percentile (nearest rank) time to acknowledge and the on-time and late counts; and what is overdue now.
/// </summary>
public static class AlertFigures
{
    public static async Task<AlertFiguresView> QueryAsync(LiaisonDbContext db, DateTime now, DateTime? from, DateTime? to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = db.Set<AlertRecipient>().AsNoTracking()
            .Join(db.Set<Alert>().Where(a => a.OriginParty.IsSelf), r => r.AlertId, a => a.Id, (r, a) => new { r, a });
        if (from is { } f)
        {
            rows = rows.Where(x => x.r.AddressedAt >= f);
        }

        if (to is { } t)
        {
            rows = rows.Where(x => x.r.AddressedAt < t);
        }

        var all = await rows.Select(x => new
        {
            x.a.StixId,
            x.a.Title,
            x.a.Precedence,
            x.a.Status,
            Party = x.r.Party.Name,
            x.r.AddressedAt,
            x.r.Deadline,
            x.r.AcknowledgedAt,
            x.r.OnTime,
        }).ToListAsync(cancellationToken);

        var acknowledged = all.Where(x => x.AcknowledgedAt is not null)
            .Select(x => (x.Precedence, x.Party, Seconds: (x.AcknowledgedAt!.Value - x.AddressedAt).TotalSeconds, OnTime: x.OnTime == true)).ToList();
        var byPrecedence = Enum.GetValues<Precedence>()
            .Select(p => Times(Precedences.Name(p), acknowledged.Where(a => a.Precedence == p).Select(a => (a.Seconds, a.OnTime)))).ToList();
        var byPartner = acknowledged.GroupBy(a => a.Party).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Times(g.Key, g.Select(a => (a.Seconds, a.OnTime)))).ToList();
        var overdue = all.Where(x => x.Status == AlertStatus.Active && x.AcknowledgedAt is null && x.Deadline <= now).OrderBy(x => x.Deadline)
            .Select(x => new OverdueNow(x.StixId, x.Title, Precedences.Name(x.Precedence), x.Party, x.Deadline, (long)(now - x.Deadline).TotalSeconds)).ToList();
        return new AlertFiguresView(from, to, byPrecedence, byPartner, overdue);
    }

    public static async Task<Results<Ok<AlertFiguresView>, ValidationProblem>> GetAsync(string? from, string? to, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var validation = new Validation();
        var start = UtcInstant.Parse(from, "from", validation, required: false);
        var end = UtcInstant.Parse(to, "to", validation, required: false);
        validation.When(start is not null && end is not null && end <= start, "to", "must be after from");
        return validation.IsValid
            ? TypedResults.Ok(await QueryAsync(db, time.GetUtcNow().UtcDateTime, start, end, cancellationToken))
            : validation.Problem();
    }

    /// <summary>Nearest-rank percentile of sorted values.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank, 1, sorted.Count) - 1];
    }

    private static AckTimes Times(string group, IEnumerable<(double Seconds, bool OnTime)> items)
    {
        var list = items.ToList();
        var sorted = list.Select(i => i.Seconds).Order().ToList();
        return new AckTimes(group, list.Count, list.Count(i => i.OnTime), list.Count(i => !i.OnTime), Percentile(sorted, 50), Percentile(sorted, 90));
    }
}
