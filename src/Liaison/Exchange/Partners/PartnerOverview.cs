using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Exchange.Partners;

/// <summary>
/// One partner as the administrator's list shows it: who, where, how the link is, and what waits for it.
/// <c>Backlog</c> counts deliveries waiting to be sent, <c>OldestPendingSeconds</c> is the age of the oldest of them.
/// </summary>
public sealed record PartnerView(
    int Id,
    string PartyName,
    string Country,
    string PartyIdentity,
    string BaseUrl,
    PartnerState State,
    string KeyFingerprint,
    string? TlsFingerprint,
    DateTime PairedAt,
    DateTime? TrustedAt,
    DateTime? LastContactAt,
    int ConsecutiveFailures,
    DateTime? LastFailureAt,
    string? LastFailure,
    LinkHealth Health,
    int Backlog,
    int DeadLetters,
    DateTime? OldestPendingAt,
    long? OldestPendingSeconds,
    DateTime? LastPullAt,
    IReadOnlyDictionary<string, AckWindowView>? AckWindows = null);

/// <summary>Reads partners with their outbox figures: one query for the partners, one grouped query for every count.</summary>
public static class PartnerOverview
{
    public static async Task<IReadOnlyList<PartnerView>> ListAsync(LiaisonDbContext db, DateTime now, TimeSpan pullInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var partners = await db.Partners.AsNoTracking().Include(p => p.Party)
            .OrderBy(p => p.Party.Name).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        var figures = await FiguresAsync(db, null, cancellationToken);
        return [.. partners.Select(p => View(p, figures, now, pullInterval))];
    }

    public static async Task<PartnerView?> GetAsync(LiaisonDbContext db, int id, DateTime now, TimeSpan pullInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var partner = await db.Partners.AsNoTracking().Include(p => p.Party).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return partner is null ? null : View(partner, await FiguresAsync(db, id, cancellationToken), now, pullInterval);
    }

    private sealed record Figure(int PartnerId, DeliveryState State, int Count, DateTime Oldest);

    // Delivered rows are the bulk of the table and are never counted: only the two states an administrator acts on.
    private static async Task<List<Figure>> FiguresAsync(LiaisonDbContext db, int? partnerId, CancellationToken cancellationToken)
    {
        var rows = db.Deliveries.AsNoTracking().Where(d => d.State == DeliveryState.Pending || d.State == DeliveryState.DeadLetter);
        if (partnerId is { } id)
        {
            rows = rows.Where(d => d.PartnerId == id);
        }

        return await rows.GroupBy(d => new { d.PartnerId, d.State })
            .Select(g => new Figure(g.Key.PartnerId, g.Key.State, g.Count(), g.Min(d => d.AddedAt)))
            .ToListAsync(cancellationToken);
    }

    private static PartnerView View(Partner p, List<Figure> figures, DateTime now, TimeSpan pullInterval)
    {
        var pending = figures.FirstOrDefault(f => f.PartnerId == p.Id && f.State == DeliveryState.Pending);
        var dead = figures.FirstOrDefault(f => f.PartnerId == p.Id && f.State == DeliveryState.DeadLetter);
        long? age = pending is null ? null : Math.Max(0, (long)(now - pending.Oldest).TotalSeconds);
        return new PartnerView(
            p.Id, p.Party.Name, p.Party.Country, p.Party.StixId, p.BaseUrl, p.State, p.KeyFingerprint, p.TlsFingerprint,
            p.PairedAt, p.TrustedAt, p.LastContactAt, p.ConsecutiveFailures, p.LastFailureAt, p.LastFailure,
            LinkHealthRule.Of(p.State, p.LastContactAt, p.TrustedAt, p.ConsecutiveFailures, now, pullInterval),
            pending?.Count ?? 0, dead?.Count ?? 0, pending?.Oldest, age, p.LastPullAt, AckWindows.ViewOf(p));
    }
}
