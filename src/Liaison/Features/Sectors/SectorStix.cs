using Liaison.Features.Exports;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Sectors;

/// <summary>
/// Sectors and posts as STIX <c>location</c> objects (STIX 2.1 §4.10) created by the node's party: a post at its
/// point, a sector at the centre of its bounding box with <c>precision</c> reaching the box's corners. The
/// geometry itself has no STIX property; the GeoJSON export carries it.
/// </summary>
public static class SectorStix
{
    /// <summary>Sectors and posts are joint reference data both parties hold: TLP:GREEN.</summary>
    public const TlpLevel Marking = TlpLevel.Green;

    // UN M49 "Southern Asia", which region-ov (STIX 2.1 §10.21) follows; other borders get no region rather than a wrong one.
    private static readonly HashSet<string> SouthernAsia = new(StringComparer.Ordinal) { "AF", "BD", "BT", "IN", "IR", "LK", "MV", "NP", "PK" };

    private const double MetresPerDegree = 111_320;

    public static Location Location(Sector sector, Party party)
    {
        ArgumentNullException.ThrowIfNull(sector);
        ArgumentNullException.ThrowIfNull(party);
        var box = sector.Bounds;
        var latitude = (box.MinLat + box.MaxLat) / 2;
        var longitude = (box.MinLon + box.MaxLon) / 2;
        var halfHeight = (box.MaxLat - box.MinLat) / 2 * MetresPerDegree;
        var halfWidth = (box.MaxLon - box.MinLon) / 2 * MetresPerDegree * Math.Cos(latitude * Math.PI / 180);
        var responsible = sector.ResponsibleSelf is { Length: > 0 } r ? $"Responsible unit: {r}." : null;
        return new Location
        {
            Id = IdOf(sector, party),
            Created = new DateTimeOffset(sector.CreatedAt, TimeSpan.Zero),
            Modified = new DateTimeOffset(sector.UpdatedAt, TimeSpan.Zero),
            CreatedByRef = StixId.Parse(party.StixId),
            Name = sector.Name,
            Description = Join($"Border sector {sector.Code}; the coordinates are the centre of its bounding box.", responsible, sector.Notes),
            Latitude = latitude,
            Longitude = longitude,
            Precision = Math.Round(Math.Sqrt((halfHeight * halfHeight) + (halfWidth * halfWidth))),
            Region = RegionOf(party),
            ObjectMarkingRefs = [Tlp.IdOf(Marking)],
        };
    }

    /// <summary>Needs <see cref="Post.Sector"/> loaded when the post has one.</summary>
    public static Location Location(Post post, Party party)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(party);
        var sector = post.Sector is { } s ? $"In border sector {s.Code}." : null;
        return new Location
        {
            Id = IdOf(post, party),
            Created = new DateTimeOffset(post.CreatedAt, TimeSpan.Zero),
            Modified = new DateTimeOffset(post.UpdatedAt, TimeSpan.Zero),
            CreatedByRef = StixId.Parse(party.StixId),
            Name = post.Name,
            Description = Join($"{PostKinds.Name(post.Kind)} {post.Code}.", sector, post.Notes),
            Latitude = post.Latitude,
            Longitude = post.Longitude,
            Region = RegionOf(party),
            ObjectMarkingRefs = [Tlp.IdOf(Marking)],
        };
    }

    public static StixId IdOf(Sector sector, Party party)
    {
        ArgumentNullException.ThrowIfNull(sector);
        ArgumentNullException.ThrowIfNull(party);
        return StixExport.DerivedId(Protocol.Stix.Location.TypeName, party.StixId, $"sector {sector.Code}");
    }

    public static StixId IdOf(Post post, Party party)
    {
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(party);
        return StixExport.DerivedId(Protocol.Stix.Location.TypeName, party.StixId, $"post {post.Code}");
    }

    /// <summary>The sector and its posts, with the party that describes them.</summary>
    public static async Task<Results<ContentHttpResult, NotFound>> GetAsync(string code, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var sector = await db.Sectors.AsNoTracking().ByCodeAsync(code, cancellationToken);
        if (sector is null)
        {
            return TypedResults.NotFound();
        }

        var posts = await db.Posts.AsNoTracking().Include(p => p.Sector).Where(p => p.SectorId == sector.Id).OrderBy(p => p.Code).ToListAsync(cancellationToken);
        var party = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        IStixObject[] objects = [PartyStix.Identity(party), Location(sector, party), .. posts.Select(p => Location(p, party))];
        return TypedResults.Content(StixExport.Json(objects), StixExport.MediaType);
    }

    private static string? RegionOf(Party party) => SouthernAsia.Contains(party.Country) ? "southern-asia" : null;

    private static string Join(params string?[] parts) => string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
