using Liaison.Features.Officers;
using Liaison.Features.Sectors;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Components.Desk;

/// <summary>Who is on duty in every sector at one instant, through the roster's own query (<see cref="DutyRoster.OnDutyAt"/>).</summary>
public static class DutyBoard
{
    public sealed record SectorDuty(string Code, string Name, IReadOnlyList<GetDuty.OnDutyOfficer> OnDuty);

    public static async Task<IReadOnlyList<SectorDuty>> LoadAsync(LiaisonDbContext db, DateTime at, string? sectorCode = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sectors = db.Sectors.AsNoTracking();
        if (sectorCode is not null)
        {
            var code = SectorCode.Normalize(sectorCode);
            sectors = sectors.Where(s => s.Code == code);
        }

        var board = new List<SectorDuty>();
        foreach (var sector in await sectors.OrderBy(s => s.Code).ToListAsync(cancellationToken))
        {
            var shifts = await db.DutyShifts.AsNoTracking().Include(s => s.Officer).ThenInclude(o => o.Sector)
                .Include(s => s.Officer).ThenInclude(o => o.Party)
                .OnDutyAt(sector.Id, at).ToListAsync(cancellationToken);
            board.Add(new SectorDuty(sector.Code, sector.Name,
                [.. shifts.Select(GetDuty.OnDutyOfficer.Of)]));
        }

        return board;
    }
}
