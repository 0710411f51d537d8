using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Alerts;

/// <summary>The alert list with its filters, one alert with every recipient's state, and an alert's timeline.</summary>
public static class AlertReads
{
    public const int MaxPage = 500;

    public sealed record Page(IReadOnlyList<AlertView> Items, string? Next);

    /// <summary>
    /// Filters: <c>direction</c> (sent, received), <c>status</c> (active, cancelled, closed), <c>precedence</c>,
    /// <c>open</c> (true: active with an acknowledgement still awaited), <c>overdue</c> (true: active with a deadline
    /// passed unacknowledged); newest first, <c>limit</c> and <c>cursor</c> page.
    /// </summary>
    public static async Task<Results<Ok<Page>, ValidationProblem>> ListAsync(
        string? direction, string? status, string? precedence, bool? open, bool? overdue, int? limit, string? cursor,
        LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow().UtcDateTime;
        var validation = new Validation()
            .When(direction is not (null or "sent" or "received"), "direction", "must be sent or received")
            .When(limit is < 1 or > MaxPage, "limit", $"must be between 1 and {MaxPage}");
        AlertStatus? wantedStatus = null;
        if (status is not null)
        {
            wantedStatus = Enum.TryParse<AlertStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _) ? s : null;
            validation.When(wantedStatus is null, "status", "must be active, cancelled or closed");
        }

        var wantedPrecedence = Precedences.Parse(precedence);
        validation.When(precedence is not null && wantedPrecedence is null, "precedence", "must be flash, immediate, priority or routine");
        var after = 0;
        validation.When(cursor is not null && (!int.TryParse(cursor, out after) || after < 1), "cursor", "is not a cursor this list gave");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var query = db.Set<Alert>().AsNoTracking().AsSplitQuery().Include(a => a.OriginParty).Include(a => a.Recipients).ThenInclude(r => r.Party).AsQueryable();
        query = direction switch
        {
            "sent" => query.Where(a => a.OriginParty.IsSelf),
            "received" => query.Where(a => !a.OriginParty.IsSelf),
            _ => query,
        };
        if (wantedStatus is { } st)
        {
            query = query.Where(a => a.Status == st);
        }

        if (wantedPrecedence is { } p)
        {
            query = query.Where(a => a.Precedence == p);
        }

        if (open is { } o)
        {
            query = o
                ? query.Where(a => a.Status == AlertStatus.Active && a.Recipients.Any(r => r.AcknowledgedAt == null))
                : query.Where(a => a.Status != AlertStatus.Active || a.Recipients.All(r => r.AcknowledgedAt != null));
        }

        if (overdue is { } od)
        {
            query = od
                ? query.Where(a => a.Status == AlertStatus.Active && a.Recipients.Any(r => r.AcknowledgedAt == null && r.Deadline <= now))
                : query.Where(a => a.Status != AlertStatus.Active || !a.Recipients.Any(r => r.AcknowledgedAt == null && r.Deadline <= now));
        }

        if (cursor is not null)
        {
            query = query.Where(a => a.Id < after);
        }

        var take = limit ?? 100;
        var rows = await query.OrderByDescending(a => a.Id).Take(take + 1).ToListAsync(cancellationToken);
        var next = rows.Count > take ? rows[take - 1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page([.. rows.Take(take).Select(a => AlertView.Of(a, now))], next));
    }

    public static async Task<Results<Ok<AlertView>, NotFound>> GetAsync(string id, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var alert = await db.Set<Alert>().AsNoTracking().Include(a => a.OriginParty).Include(a => a.Recipients).ThenInclude(r => r.Party)
            .SingleOrDefaultAsync(a => a.StixId == id, cancellationToken);
        return alert is null ? TypedResults.NotFound() : TypedResults.Ok(AlertView.Of(alert, time.GetUtcNow().UtcDateTime));
    }

    public static async Task<Results<Ok<IReadOnlyList<AlertEventView>>, NotFound>> TimelineAsync(string id, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var alertId = await db.Set<Alert>().Where(a => a.StixId == id).Select(a => (int?)a.Id).SingleOrDefaultAsync(cancellationToken);
        if (alertId is null)
        {
            return TypedResults.NotFound();
        }

        var events = await AlertTimeline.ReadAsync(db, alertId.Value, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<AlertEventView>>([.. events.Select(e => new AlertEventView(e.Kind, e.At, e.Actor, e.Party, e.Detail))]);
    }
}
