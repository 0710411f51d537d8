using Liaison.Features.Exports;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Officers;

/// <summary>
/// A liaison officer as a STIX <c>identity</c> of class <c>individual</c> (STIX 2.1 §4.5, §10.7), created by the
/// node's party. The officer keeps no STIX id, so the id is derived from the party and the officer's key.
/// </summary>
public static class OfficerStix
{
    /// <summary>Roles are free text in STIX 2.1 §4.5; this one says why the identity is shared.</summary>
    public const string Role = "liaison-officer";

    /// <summary>Names and ways to reach a person are shared on a need-to-know basis: TLP:AMBER.</summary>
    public const TlpLevel Marking = TlpLevel.Amber;

    /// <summary>Needs <see cref="Officer.Sector"/> loaded when the officer has one.</summary>
    public static Identity Identity(Officer officer, Party party)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(party);
        var languages = officer.Languages.Count == 0 ? null : $"Languages: {string.Join(", ", officer.Languages)}.";
        var sector = officer.Sector is { } s ? $"Border sector {s.Code} ({s.Name})." : null;
        var unit = officer.Unit is { Length: > 0 } u ? $"Unit: {u}." : null;
        return new Identity
        {
            Id = IdOf(officer, party),
            Created = new DateTimeOffset(officer.CreatedAt, TimeSpan.Zero),
            Modified = new DateTimeOffset(officer.UpdatedAt, TimeSpan.Zero),
            CreatedByRef = StixId.Parse(party.StixId),
            Name = string.IsNullOrWhiteSpace(officer.Rank) ? officer.FullName : $"{officer.Rank} {officer.FullName}",
            IdentityClass = "individual",
            Roles = [Role],
            // The border sector goes in the description: identity "sectors" is the industry-sector-ov (STIX 2.1 §10.12),
            // and the party's own identity already says which industry it is.
            Description = string.Join(' ', new[] { $"Liaison officer of {party.Name}.", unit, sector, languages }.Where(p => p is not null)),
            ContactInformation = ContactText(officer.Contacts),
            ObjectMarkingRefs = [Tlp.IdOf(Marking)],
        };
    }

    public static StixId IdOf(Officer officer, Party party)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(party);
        return StixExport.DerivedId(Protocol.Stix.Identity.TypeName, party.StixId, $"officer {officer.Id}");
    }

    /// <summary>One line per channel, e.g. <c>phone: +92 …</c>; null when the officer has none.</summary>
    public static string? ContactText(IReadOnlyList<ContactChannel> contacts)
    {
        ArgumentNullException.ThrowIfNull(contacts);
        return contacts.Count == 0 ? null : string.Join('\n', contacts.Select(c => $"{KindLabel(c.Kind)}: {c.Value}"));
    }

    public static async Task<Results<ContentHttpResult, NotFound>> GetAsync(int id, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var officer = await db.Officers.AsNoTracking().Include(o => o.Sector).SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (officer is null)
        {
            return TypedResults.NotFound();
        }

        var party = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        return TypedResults.Content(StixExport.Json([PartyStix.Identity(party), Identity(officer, party)]), StixExport.MediaType);
    }

    private static string KindLabel(ContactKind kind) => kind switch
    {
        ContactKind.Phone => "phone",
        ContactKind.Radio => "radio",
        ContactKind.Email => "e-mail",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
