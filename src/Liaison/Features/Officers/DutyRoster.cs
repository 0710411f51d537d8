using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Officers;

/// <summary>
/// Who is on duty: the one query the desk, alerts and escalation all ask, kept in one place so they agree.
/// </summary>
public static class DutyRoster
{
    /// <summary>
    /// Shifts of <paramref name="sectorId"/> covering <paramref name="at"/>, ordered up the escalation ladder
    /// (duty officer, supervisor, head of desk), then by start. A shift covers [start, end): at exactly its end
    /// the officer is off and whoever starts then is on, so a handover never has two or zero people answering.
    /// Overlapping shifts all count: during a handover both officers are reachable.
    /// </summary>
    public static IQueryable<DutyShift> OnDutyAt(this IQueryable<DutyShift> shifts, int sectorId, DateTime at)
    {
        if (at.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("The instant must be UTC.", nameof(at));
        }

        return shifts
            .Where(s => s.SectorId == sectorId && s.Start <= at && at < s.End)
            .OrderBy(s => s.Role == DutyRole.DutyOfficer ? 0 : s.Role == DutyRole.Supervisor ? 1 : 2)
            .ThenBy(s => s.Start)
            .ThenBy(s => s.Id);
    }

    /// <summary>Shifts of officers on the roster of party <paramref name="partyId"/>.</summary>
    public static IQueryable<DutyShift> OfParty(this IQueryable<DutyShift> shifts, int partyId) =>
        shifts.Where(s => s.Officer.PartyId == partyId);

    /// <summary>
    /// This node's own officers on duty at <paramref name="now"/> (optionally in one sector), in escalation order, with
    /// officer and sector loaded: what escalation walks, since it only ever calls this party's ladder.
    /// </summary>
    public static async Task<List<DutyShift>> OwnOnDutyAsync(LiaisonDbContext db, int selfPartyId, DateTime now, int? sectorId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await OnDutyOfParty(db, selfPartyId, now, sectorId).ToListAsync(cancellationToken);
    }

    /// <summary>Shifts of <paramref name="partyId"/>'s officers covering <paramref name="now"/>, optionally of one sector, in escalation order.</summary>
    public static IQueryable<DutyShift> OnDutyOfParty(LiaisonDbContext db, int partyId, DateTime now, int? sectorId = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (now.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("The instant must be UTC.", nameof(now));
        }

        var shifts = db.DutyShifts.AsNoTracking().Include(s => s.Officer).ThenInclude(o => o.Party).Include(s => s.Sector)
            .OfParty(partyId).Where(s => s.Start <= now && now < s.End);
        if (sectorId is { } id)
        {
            shifts = shifts.Where(s => s.SectorId == id);
        }

        return shifts
            .OrderBy(s => s.SectorId)
            .ThenBy(s => s.Role == DutyRole.DutyOfficer ? 0 : s.Role == DutyRole.Supervisor ? 1 : 2)
            .ThenBy(s => s.Start)
            .ThenBy(s => s.Id);
    }

    /// <summary>Shifts of a sector that overlap [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static IQueryable<DutyShift> Overlapping(this IQueryable<DutyShift> shifts, DateTime? from, DateTime? to)
    {
        if (from is { } f)
        {
            shifts = shifts.Where(s => s.End > f);
        }

        if (to is { } t)
        {
            shifts = shifts.Where(s => s.Start < t);
        }

        return shifts;
    }
}
