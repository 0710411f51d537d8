using Liaison.Exchange;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Officers;

/// <summary>
/// Removes an officer who has no shifts; the roster's history of who was on duty is kept. The partner is told by a
/// revoked version of the officer's roster entry (deletions are never silent, DESIGN §3).
/// </summary>
public static class DeleteOfficer
{
    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> HandleAsync(int id, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        // Read under the write lock, like every change that shares a version (Feed.CommitAndShareAsync): a delete or
        // an edit committed a moment ago is seen here, never overwritten or deleted twice.
        await using var transaction = await Feed.BeginAsync(db, cancellationToken);
        var officer = await db.Officers.Include(o => o.Party).Include(o => o.Sector).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (officer is null)
        {
            return TypedResults.NotFound();
        }

        if (!officer.Party.IsSelf)
        {
            return PartnerRoster.ReadOnly($"Officer {id}", officer.Party);
        }

        var shifts = await db.DutyShifts.CountAsync(s => s.OfficerId == id, cancellationToken);
        if (shifts > 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The officer has duty shifts",
                detail: $"Officer {id} has {shifts} duty shift(s); delete those first.",
                extensions: new Dictionary<string, object?> { ["shifts"] = shifts });
        }

        var revocation = await RosterSharing.OfficerAsync(db, officer, time.GetUtcNow().UtcDateTime, cancellationToken);
        db.Officers.Remove(officer);
        await db.CommitAndShareAsync(transaction, time, revocation, cancellationToken);
        return TypedResults.NoContent();
    }
}
