using System.Text.Json;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Sectors;

/// <summary>Creates a sector, or revises one by its code. The same checks serve the GeoJSON import.</summary>
public static class SaveSector
{
    public static readonly string[] GeometryTypes = [GeoJson.LineString, GeoJson.Polygon];

    public sealed record Request(string? Code, string? Name, JsonElement? Geometry, string? ResponsibleSelf, string? ResponsiblePartner, string? Notes);

    /// <summary>
    /// Validates <paramref name="request"/>, naming fields as <paramref name="prefix"/> + name and the geometry
    /// as <paramref name="geometryField"/>, so an import can report <c>features[3].geometry.coordinates[0]</c>.
    /// </summary>
    public static (string Code, SectorDetails Details)? Check(Request request, Validation validation, string prefix = "", string geometryField = "geometry")
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(validation);
        var before = validation.ErrorCount;
        var code = SectorCode.Check(request.Code, $"{prefix}code", validation);
        validation.Require($"{prefix}name", request.Name, 200);
        var geometry = GeoJson.ReadGeometry(request.Geometry, geometryField, GeometryTypes, validation);
        var self = Text.Optional(request.ResponsibleSelf, $"{prefix}responsibleSelf", 200, validation);
        var partner = Text.Optional(request.ResponsiblePartner, $"{prefix}responsiblePartner", 200, validation);
        var notes = Text.Optional(request.Notes, $"{prefix}notes", 4000, validation);
        return validation.ErrorCount != before || code is null || geometry is null
            ? null
            : (code, new SectorDetails(request.Name!.Trim(), geometry, self, partner, notes));
    }

    public static async Task<Results<Created<SectorView>, ValidationProblem>> CreateAsync(
        Request request, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var valid = Check(request, validation);
        if (valid is { } v && await db.Sectors.AnyAsync(s => s.Code == v.Code, cancellationToken))
        {
            validation.Add("code", "a sector with this code already exists");
        }

        if (!validation.IsValid || valid is null)
        {
            return validation.Problem();
        }

        var sector = new Sector(valid.Value.Code, valid.Value.Details, time.GetUtcNow().UtcDateTime);
        db.Sectors.Add(sector);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/sectors/{sector.Code}", SectorView.Of(sector));
    }

    public static async Task<Results<Ok<SectorView>, NotFound, ValidationProblem>> UpdateAsync(
        string code, Request request, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var sector = await db.Sectors.ByCodeAsync(code, cancellationToken);
        if (sector is null)
        {
            return TypedResults.NotFound();
        }

        // The code is the sector's name between both parties; it is fixed once agreed.
        var validation = new Validation();
        var valid = Check(request with { Code = request.Code ?? sector.Code }, validation);
        if (valid is { } v && v.Code != sector.Code)
        {
            validation.Add("code", "cannot be changed; it must match the code in the address");
        }

        if (!validation.IsValid || valid is null)
        {
            return validation.Problem();
        }

        sector.Revise(valid.Value.Details, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SectorView.Of(sector));
    }
}
