using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Sectors;

public enum PostKind
{
    BorderPost,
    Crossing,
    LiaisonOffice,
}

/// <summary>A border post, crossing point or liaison office: a point on the map, usually within a sector.</summary>
public sealed class Post : ICodedRecord<PostDetails>
{
    private Post()
    {
    }

    public Post(string code, PostDetails details, DateTime now)
    {
        Code = code;
        CreatedAt = now;
        Revise(details, now);
    }

    public int Id { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public PostKind Kind { get; private set; }

    public double Longitude { get; private set; }

    public double Latitude { get; private set; }

    public int? SectorId { get; private set; }

    public Sector? Sector { get; private set; }

    public string? Notes { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public void Revise(PostDetails details, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(details);
        Name = details.Name;
        Kind = details.Kind;
        Longitude = details.Longitude;
        Latitude = details.Latitude;
        Sector = details.Sector;
        SectorId = details.Sector?.Id;
        Notes = details.Notes;
        UpdatedAt = now;
    }
}

/// <summary>Everything about a post but its code, already validated.</summary>
public sealed record PostDetails(string Name, PostKind Kind, double Longitude, double Latitude, Sector? Sector, string? Notes);

/// <summary>The kinds as the API and GeoJSON properties spell them.</summary>
public static class PostKinds
{
    private static readonly Dictionary<string, PostKind> ByName = new(StringComparer.Ordinal)
    {
        ["border-post"] = PostKind.BorderPost,
        ["crossing"] = PostKind.Crossing,
        ["liaison-office"] = PostKind.LiaisonOffice,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static PostKind? Parse(string? name) => name is not null && ByName.TryGetValue(name, out var kind) ? kind : null;

    public static string Name(PostKind kind) => ByName.Single(k => k.Value == kind).Key;
}

internal sealed class PostConfiguration : IEntityTypeConfiguration<Post>
{
    public void Configure(EntityTypeBuilder<Post> builder)
    {
        builder.ToTable("posts");
        builder.Property(p => p.Code).HasMaxLength(Sector.CodeLength);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Notes).HasMaxLength(4000);
        builder.HasIndex(p => new { p.Longitude, p.Latitude });
        // A sector in use is never deleted from under its posts; the endpoint answers 409 first.
        builder.HasOne(p => p.Sector).WithMany().HasForeignKey(p => p.SectorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public static class PostQueries
{
    /// <summary>Posts inside <paramref name="box"/> (edges included).</summary>
    public static IQueryable<Post> Within(this IQueryable<Post> posts, BoundingBox? box) =>
        box is not { } b
            ? posts
            : posts.Where(p => p.Longitude >= b.MinLon && p.Longitude <= b.MaxLon && p.Latitude >= b.MinLat && p.Latitude <= b.MaxLat);
}
