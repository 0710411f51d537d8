using Liaison.Features.Sectors;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Officers;

/// <summary>Who is on duty for a sector at an instant, in escalation order, with how to reach them.</summary>
public static class GetDuty
{
    public sealed record OnDutyOfficer(string Role, int ShiftId, DateTime Start, DateTime End, OfficerView Officer);

    public sealed record Answer(string Sector, DateTime At, IReadOnlyList<OnDutyOfficer> OnDuty);

    public static async Task<Results<Ok<Answer>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string? sector, string? at, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require("sector", sector, Sector.CodeLength);
        var instant = UtcInstant.Parse(at, "at", validation, required: false) ?? time.GetUtcNow().UtcDateTime;
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var found = await db.Sectors.AsNoTracking().ByCodeAsync(sector!, cancellationToken);
        if (found is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such sector", detail: $"No sector has the code '{sector}'.");
        }

        var shifts = await db.DutyShifts.AsNoTracking().Include(s => s.Officer).ThenInclude(o => o.Sector)
            .OnDutyAt(found.Id, instant).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Answer(found.Code, instant,
            [.. shifts.Select(s => new OnDutyOfficer(DutyRoles.Name(s.Role), s.Id, s.Start, s.End, OfficerView.Of(s.Officer)))]));
    }
}
