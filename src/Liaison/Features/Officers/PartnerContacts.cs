using Liaison.Exchange;
using Liaison.Exchange.Partners;
using Liaison.Features.Sectors;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Officers;

/// <summary>A partner desk's hotline as the API shows it.</summary>
public sealed record HotlineView(string Label, string Number);

/// <summary>
/// Whom to call at a partner when it does not answer (issue 5 item 2: "the sending node … shows the partner's on-duty
/// contacts and hotline numbers"): the partner's officers on duty now, by sector in escalation order with role and
/// how to reach them, from the roster the partner released, plus the hotline numbers set on the partner link.
/// </summary>
public static class PartnerContacts
{
    /// <summary>One sector's partner ladder; <c>first</c> marks the sectors asked for first (an alert's sectors).</summary>
    public sealed record SectorContacts(string Sector, string Name, bool First, IReadOnlyList<GetDuty.OnDutyOfficer> OnDuty);

    public sealed record Answer(int Partner, string Party, string PartyName, DateTime At, IReadOnlyList<SectorContacts> Sectors, IReadOnlyList<HotlineView> Hotlines);

    /// <summary>
    /// The partner's officers on duty at <paramref name="now"/>, grouped by sector: the sectors named in
    /// <paramref name="first"/> in that order, then the rest by code; officers of a sector in escalation order.
    /// Sectors where nobody of the partner is on duty are left out; an empty list means nobody is on duty.
    /// </summary>
    public static async Task<Answer> OnDutyAsync(LiaisonDbContext db, Partner partner, DateTime now, IReadOnlyList<string>? first = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(partner);
        if (now.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("The instant must be UTC.", nameof(now));
        }

        var party = partner.Party ?? await db.Parties.AsNoTracking().SingleAsync(p => p.Id == partner.PartyId, cancellationToken);
        var shifts = await db.DutyShifts.AsNoTracking()
            .Include(s => s.Sector)
            .Include(s => s.Officer).ThenInclude(o => o.Sector)
            .Include(s => s.Officer).ThenInclude(o => o.Party)
            .OfParty(partner.PartyId)
            .Where(s => s.Start <= now && now < s.End)
            .ToListAsync(cancellationToken);
        var wanted = (first ?? []).Select(SectorCode.Normalize).Distinct(StringComparer.Ordinal).ToList();
        var sectors = shifts
            .GroupBy(s => (s.Sector.Code, s.Sector.Name))
            .OrderBy(g => wanted.IndexOf(g.Key.Code) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(g => g.Key.Code, StringComparer.Ordinal)
            .Select(g => new SectorContacts(g.Key.Code, g.Key.Name, wanted.Contains(g.Key.Code),
                [.. g.OrderBy(s => s.Role).ThenBy(s => s.Start).ThenBy(s => s.Id).Select(GetDuty.OnDutyOfficer.Of)]))
            .ToList();
        return new Answer(partner.Id, party.StixId, party.Name, now, sectors, [.. partner.Hotlines.Select(h => new HotlineView(h.Label, h.Number))]);
    }

    /// <summary><c>at</c> defaults to now; <c>sectors</c> (comma-separated codes) come first, e.g. an alert's sectors.</summary>
    public static async Task<Results<Ok<Answer>, ValidationProblem, ProblemHttpResult>> GetAsync(
        int id, string? at, string? sectors, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var validation = new Validation();
        var instant = UtcInstant.Parse(at, "at", validation, required: false) ?? time.GetUtcNow().UtcDateTime;
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var partner = await db.Partners.AsNoTracking().Include(p => p.Party).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return PartnerProblems.NotFound(id);
        }

        var first = (sectors ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return TypedResults.Ok(await OnDutyAsync(db, partner, instant, first, cancellationToken));
    }
}
