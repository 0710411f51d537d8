using Liaison.Features.Sectors;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Officers;

/// <summary>Who is on duty for a sector at an instant, in escalation order, with how to reach them.</summary>
public static class GetDuty
{
    /// <summary><c>party</c> is the STIX identity of the party whose roster the shift is on.</summary>
    public sealed record OnDutyOfficer(string Role, int ShiftId, DateTime Start, DateTime End, string Party, OfficerView Officer)
    {
        /// <summary>Needs the shift's officer loaded with its party (and sector, when it has one).</summary>
        public static OnDutyOfficer Of(DutyShift shift)
        {
            ArgumentNullException.ThrowIfNull(shift);
            return new(DutyRoles.Name(shift.Role), shift.Id, shift.Start, shift.End, shift.Officer.Party.StixId, OfficerView.Of(shift.Officer));
        }
    }

    public sealed record Answer(string Sector, DateTime At, IReadOnlyList<OnDutyOfficer> OnDuty);

    public static async Task<Results<Ok<Answer>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string? sector, string? at, string? party, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation().Require("sector", sector, Sector.CodeLength);
        var instant = UtcInstant.Parse(at, "at", validation, required: false) ?? time.GetUtcNow().UtcDateTime;
        // party: "self", or the STIX identity id of a party (own or partner); absent means both rosters.
        int? partyId = null;
        if (!string.IsNullOrWhiteSpace(party))
        {
            var named = party == "self"
                ? await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.IsSelf, cancellationToken)
                : await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.StixId == party, cancellationToken);
            validation.When(named is null, "party", $"must be 'self' or the identity of a known party; '{party}' is neither");
            partyId = named?.Id;
        }

        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var found = await db.Sectors.AsNoTracking().ByCodeAsync(sector!, cancellationToken);
        if (found is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such sector", detail: $"No sector has the code '{sector}'.");
        }

        var query = db.DutyShifts.AsNoTracking().Include(s => s.Officer).ThenInclude(o => o.Sector)
            .Include(s => s.Officer).ThenInclude(o => o.Party).AsQueryable();
        if (partyId is { } pid)
        {
            query = query.OfParty(pid);
        }

        var shifts = await query.OnDutyAt(found.Id, instant).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Answer(found.Code, instant,
            [.. shifts.Select(OnDutyOfficer.Of)]));
    }
}
