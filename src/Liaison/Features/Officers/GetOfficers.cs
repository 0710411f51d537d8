using Liaison.Features.Sectors;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Officers;

public sealed record ContactView(string Kind, string Value);

/// <summary>
/// An officer as the API shows them; <c>sector</c> is a sector code, <c>party</c> the STIX identity of the party whose
/// roster the officer is on, <c>readOnly</c> true for the partner's officers.
/// </summary>
public sealed record OfficerView(
    int Id, string? Party, bool ReadOnly, string FullName, string? Rank, string? Unit, string? Sector, IReadOnlyList<string> Languages, IReadOnlyList<ContactView> Contacts,
    DateTime CreatedAt, DateTime UpdatedAt)
{
    /// <summary>Needs <see cref="Officer.Sector"/> loaded when the officer has one, and <see cref="Officer.Party"/> for the party.</summary>
    public static OfficerView Of(Officer officer)
    {
        ArgumentNullException.ThrowIfNull(officer);
        return new(officer.Id, officer.Party?.StixId, officer.Party is { IsSelf: false }, officer.FullName, officer.Rank, officer.Unit, officer.Sector?.Code, officer.Languages,
            [.. officer.Contacts.Select(c => new ContactView(SaveOfficer.KindName(c.Kind), c.Value))], officer.CreatedAt, officer.UpdatedAt);
    }
}

/// <summary>Lists officers (optionally of one sector) and reads one.</summary>
public static class GetOfficers
{
    public static async Task<Ok<List<OfficerView>>> ListAsync(string? sector, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var officers = db.Officers.AsNoTracking().Include(o => o.Sector).Include(o => o.Party).AsQueryable();
        if (!string.IsNullOrWhiteSpace(sector))
        {
            var code = SectorCode.Normalize(sector);
            officers = officers.Where(o => o.Sector != null && o.Sector.Code == code);
        }

        var list = await officers.OrderBy(o => o.FullName).ThenBy(o => o.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(OfficerView.Of).ToList());
    }

    public static async Task<Results<Ok<OfficerView>, NotFound>> GetAsync(int id, LiaisonDbContext db, CancellationToken cancellationToken) =>
        await db.Officers.AsNoTracking().Include(o => o.Sector).Include(o => o.Party).SingleOrDefaultAsync(o => o.Id == id, cancellationToken) is { } officer
            ? TypedResults.Ok(OfficerView.Of(officer))
            : TypedResults.NotFound();
}
