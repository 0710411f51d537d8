using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Sectors;

/// <summary>Deletes a sector nothing refers to; a sector still named by posts, officers or shifts stays.</summary>
public static class DeleteSector
{
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> HandleAsync(string code, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var sector = await db.Sectors.ByCodeAsync(code, cancellationToken);
        if (sector is null)
        {
            return TypedResults.NotFound();
        }

        var posts = await db.Posts.CountAsync(p => p.SectorId == sector.Id, cancellationToken);
        var officers = await db.Officers.CountAsync(o => o.SectorId == sector.Id, cancellationToken);
        var shifts = await db.DutyShifts.CountAsync(s => s.SectorId == sector.Id, cancellationToken);
        if (posts + officers + shifts > 0)
        {
            // Deleting would orphan the roster's history and the posts' placement; the caller reassigns them first.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The sector is in use",
                detail: $"Sector {sector.Code} is referenced by {posts} post(s), {officers} officer(s) and {shifts} duty shift(s).",
                extensions: new Dictionary<string, object?> { ["posts"] = posts, ["officers"] = officers, ["shifts"] = shifts });
        }

        db.Sectors.Remove(sector);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
