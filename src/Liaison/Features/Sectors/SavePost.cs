using System.Text.Json;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Sectors;

/// <summary>Creates a post, or revises one by its code. The same checks serve the GeoJSON import.</summary>
public static class SavePost
{
    private static readonly string[] GeometryTypes = [GeoJson.Point];

    /// <summary><c>sector</c> is the code of the sector the post belongs to, if any.</summary>
    public sealed record Request(string? Code, string? Name, string? Kind, JsonElement? Geometry, string? Sector, string? Notes);

    /// <summary>
    /// Validates <paramref name="request"/> against the stored sectors; fields are named
    /// <paramref name="prefix"/> + name, the geometry <paramref name="geometryField"/>.
    /// </summary>
    public static async Task<(string Code, PostDetails Details)?> CheckAsync(
        Request request, LiaisonDbContext db, Validation validation, CancellationToken cancellationToken, string prefix = "", string geometryField = "geometry")
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(validation);
        var before = validation.ErrorCount;
        var code = SectorCode.Check(request.Code, $"{prefix}code", validation);
        validation.Require($"{prefix}name", request.Name, 200);
        var kind = PostKinds.Parse(request.Kind);
        validation.When(kind is null, $"{prefix}kind", $"must be one of {string.Join(", ", PostKinds.Names)}");
        var geometry = GeoJson.ReadGeometry(request.Geometry, geometryField, GeometryTypes, validation);
        var notes = Text.Optional(request.Notes, $"{prefix}notes", 4000, validation);
        Sector? sector = null;
        if (!string.IsNullOrWhiteSpace(request.Sector))
        {
            sector = await db.Sectors.ByCodeAsync(request.Sector, cancellationToken);
            validation.When(sector is null, $"{prefix}sector", $"no sector has the code '{request.Sector}'");
        }

        if (validation.ErrorCount != before || code is null || kind is null || geometry is null)
        {
            return null;
        }

        var b = geometry.Bounds;
        return (code, new PostDetails(request.Name!.Trim(), kind.Value, b.MinLon, b.MinLat, sector, notes));
    }

    public static async Task<Results<Created<PostView>, ValidationProblem>> CreateAsync(
        Request request, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var valid = await CheckAsync(request, db, validation, cancellationToken);
        if (valid is { } v && await db.Posts.AnyAsync(p => p.Code == v.Code, cancellationToken))
        {
            validation.Add("code", "a post with this code already exists");
        }

        if (!validation.IsValid || valid is null)
        {
            return validation.Problem();
        }

        var post = new Post(valid.Value.Code, valid.Value.Details, time.GetUtcNow().UtcDateTime);
        db.Posts.Add(post);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/posts/{post.Code}", PostView.Of(post));
    }

    public static async Task<Results<Ok<PostView>, NotFound, ValidationProblem>> UpdateAsync(
        string code, Request request, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var normalised = SectorCode.Normalize(code);
        var post = await db.Posts.SingleOrDefaultAsync(p => p.Code == normalised, cancellationToken);
        if (post is null)
        {
            return TypedResults.NotFound();
        }

        var validation = new Validation();
        var valid = await CheckAsync(request with { Code = request.Code ?? post.Code }, db, validation, cancellationToken);
        if (valid is { } v && v.Code != post.Code)
        {
            validation.Add("code", "cannot be changed; it must match the code in the address");
        }

        if (!validation.IsValid || valid is null)
        {
            return validation.Problem();
        }

        post.Revise(valid.Value.Details, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(PostView.Of(post));
    }
}
