using System.Text.Json;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Sectors;

/// <summary>A sector as the API shows it; <c>bbox</c> is [minLon, minLat, maxLon, maxLat] (RFC 7946 §5).</summary>
public sealed record SectorView(
    string Code, string Name, JsonElement Geometry, double[] Bbox, string? ResponsibleSelf, string? ResponsiblePartner, string? Notes,
    DateTime CreatedAt, DateTime UpdatedAt)
{
    public static SectorView Of(Sector sector)
    {
        ArgumentNullException.ThrowIfNull(sector);
        using var geometry = JsonDocument.Parse(sector.GeometryJson);
        return new(sector.Code, sector.Name, geometry.RootElement.Clone(), [sector.MinLon, sector.MinLat, sector.MaxLon, sector.MaxLat],
            sector.ResponsibleSelf, sector.ResponsiblePartner, sector.Notes, sector.CreatedAt, sector.UpdatedAt);
    }
}

/// <summary>Lists sectors (optionally those overlapping a box) and reads one by code.</summary>
public static class GetSectors
{
    public static async Task<Results<Ok<List<SectorView>>, ValidationProblem>> ListAsync(string? bbox, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var box = BoundingBox.Parse(bbox, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var sectors = await db.Sectors.AsNoTracking().Overlapping(box).OrderBy(s => s.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(sectors.Select(SectorView.Of).ToList());
    }

    public static async Task<Results<Ok<SectorView>, NotFound>> GetAsync(string code, LiaisonDbContext db, CancellationToken cancellationToken) =>
        await db.Sectors.AsNoTracking().ByCodeAsync(code, cancellationToken) is { } sector
            ? TypedResults.Ok(SectorView.Of(sector))
            : TypedResults.NotFound();
}
