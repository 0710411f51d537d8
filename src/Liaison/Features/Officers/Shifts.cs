using Liaison.Exchange;
using Liaison.Features.Sectors;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Officers;

/// <summary>A shift as the API shows it; times are UTC.</summary>
public sealed record ShiftView(int Id, int OfficerId, string OfficerName, string Sector, string Role, DateTime Start, DateTime End)
{
    /// <summary>Needs <see cref="DutyShift.Officer"/> and <see cref="DutyShift.Sector"/> loaded.</summary>
    public static ShiftView Of(DutyShift shift)
    {
        ArgumentNullException.ThrowIfNull(shift);
        return new(shift.Id, shift.OfficerId, shift.Officer.FullName, shift.Sector.Code, DutyRoles.Name(shift.Role), shift.Start, shift.End);
    }
}

/// <summary>Puts an officer on the roster for a sector, lists the roster, and takes a shift off it.</summary>
public static class Shifts
{
    /// <summary><c>start</c> and <c>end</c> are ISO 8601 instants with Z or an offset; the shift covers [start, end).</summary>
    public sealed record Request(int? OfficerId, string? Sector, string? Role, string? Start, string? End);

    public static async Task<Results<Created<ShiftView>, ValidationProblem>> CreateAsync(
        Request request, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        // Read under the write lock, like every change that shares a version (Feed.CommitAndShareAsync): a delete or
        // an edit committed a moment ago is seen here, never overwritten or deleted twice.
        await using var transaction = await Feed.BeginAsync(db, cancellationToken);
        var validation = new Validation();
        Officer? officer = null;
        if (request.OfficerId is not { } officerId)
        {
            validation.Add("officerId", "is required");
        }
        else
        {
            officer = await db.Officers.Include(o => o.Party).SingleOrDefaultAsync(o => o.Id == officerId, cancellationToken);
            validation.When(officer is null, "officerId", $"no officer has the id {officerId}");
            // The partner's roster is read-only here: only the partner puts its officers on duty.
            validation.When(officer is { Party.IsSelf: false }, "officerId", $"officer {officerId} is on the partner's roster, which is read-only here");
        }

        Sector? sector = null;
        if (string.IsNullOrWhiteSpace(request.Sector))
        {
            validation.Add("sector", "is required");
        }
        else
        {
            sector = await db.Sectors.ByCodeAsync(request.Sector, cancellationToken);
            validation.When(sector is null, "sector", $"no sector has the code '{request.Sector}'");
        }

        var role = DutyRoles.Parse(request.Role);
        validation.When(role is null, "role", $"must be one of {string.Join(", ", DutyRoles.Names)}");
        var start = UtcInstant.Parse(request.Start, "start", validation);
        var end = UtcInstant.Parse(request.End, "end", validation);
        if (start is { } s && end is { } e)
        {
            validation
                .When(e <= s, "end", "must be after start")
                .When(e - s > DutyShift.MaxLength, "end", $"a shift lasts at most {DutyShift.MaxLength.TotalDays} days");
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var shift = new DutyShift(officer!, sector!, role!.Value, start!.Value, end!.Value, time.GetUtcNow().UtcDateTime);
        db.DutyShifts.Add(shift);
        await db.CommitAndShareAsync(transaction, time, ct => RosterSharing.ShiftAsync(db, shift, null, ct), cancellationToken);
        return TypedResults.Created($"/api/shifts/{shift.Id}", ShiftView.Of(shift));
    }

    /// <summary>Shifts overlapping [from, to), optionally of one sector or one officer, in start order.</summary>
    public static async Task<Results<Ok<List<ShiftView>>, ValidationProblem>> ListAsync(
        string? sector, int? officer, string? from, string? to, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var fromUtc = UtcInstant.Parse(from, "from", validation, required: false);
        var toUtc = UtcInstant.Parse(to, "to", validation, required: false);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var shifts = db.DutyShifts.AsNoTracking().Include(s => s.Officer).Include(s => s.Sector).Overlapping(fromUtc, toUtc);
        if (!string.IsNullOrWhiteSpace(sector))
        {
            var code = SectorCode.Normalize(sector);
            shifts = shifts.Where(s => s.Sector.Code == code);
        }

        if (officer is { } officerId)
        {
            shifts = shifts.Where(s => s.OfficerId == officerId);
        }

        var list = await shifts.OrderBy(s => s.Start).ThenBy(s => s.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(ShiftView.Of).ToList());
    }

    public static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(int id, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        // Read under the write lock, like every change that shares a version (Feed.CommitAndShareAsync): a delete or
        // an edit committed a moment ago is seen here, never overwritten or deleted twice.
        await using var transaction = await Feed.BeginAsync(db, cancellationToken);
        var shift = await db.DutyShifts.Include(s => s.Officer).ThenInclude(o => o.Party).Include(s => s.Sector).SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (shift is null)
        {
            return TypedResults.NotFound();
        }

        if (!shift.Officer.Party.IsSelf)
        {
            return PartnerRoster.ReadOnly($"Shift {id}", shift.Officer.Party);
        }

        // The partner is told by a revoked version of the shift (deletions are never silent, DESIGN §3).
        var revocation = await RosterSharing.ShiftAsync(db, shift, time.GetUtcNow().UtcDateTime, cancellationToken);
        db.DutyShifts.Remove(shift);
        await db.CommitAndShareAsync(transaction, time, revocation, cancellationToken);
        return TypedResults.NoContent();
    }
}
