using System.Text.Json;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Sectors;

/// <summary>A post as the API shows it; <c>geometry</c> is a GeoJSON Point, <c>sector</c> a sector code.</summary>
public sealed record PostView(string Code, string Name, string Kind, JsonElement Geometry, string? Sector, string? Notes, DateTime CreatedAt, DateTime UpdatedAt)
{
    /// <summary>Needs <see cref="Post.Sector"/> loaded when the post has one.</summary>
    public static PostView Of(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        return new(post.Code, post.Name, PostKinds.Name(post.Kind), JsonSerializer.SerializeToElement(GeoJson.PointOf(post.Longitude, post.Latitude)),
            post.Sector?.Code, post.Notes, post.CreatedAt, post.UpdatedAt);
    }
}

/// <summary>Lists posts (optionally inside a box, or of one sector) and reads one by code.</summary>
public static class GetPosts
{
    public static async Task<Results<Ok<List<PostView>>, ValidationProblem>> ListAsync(string? bbox, string? sector, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var box = BoundingBox.Parse(bbox, validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var posts = db.Posts.AsNoTracking().Include(p => p.Sector).Within(box);
        if (!string.IsNullOrWhiteSpace(sector))
        {
            var code = SectorCode.Normalize(sector);
            posts = posts.Where(p => p.Sector != null && p.Sector.Code == code);
        }

        var list = await posts.OrderBy(p => p.Code).ToListAsync(cancellationToken);
        return TypedResults.Ok(list.Select(PostView.Of).ToList());
    }

    public static async Task<Results<Ok<PostView>, NotFound>> GetAsync(string code, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var normalised = SectorCode.Normalize(code);
        var post = await db.Posts.AsNoTracking().Include(p => p.Sector).SingleOrDefaultAsync(p => p.Code == normalised, cancellationToken);
        return post is null ? TypedResults.NotFound() : TypedResults.Ok(PostView.Of(post));
    }
}
