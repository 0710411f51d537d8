using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Sectors;

/// <summary>
/// An agreed segment of the border: joint reference data both parties name by its <see cref="Code"/>.
/// The geometry is kept as GeoJSON text with its bounding box alongside, so map queries filter by box
/// in plain SQL on SQLite and PostgreSQL alike.
/// </summary>
public sealed class Sector : ICodedRecord<SectorDetails>
{
    public const int CodeLength = 32;

    private Sector()
    {
    }

    public Sector(string code, SectorDetails details, DateTime now)
    {
        Code = code;
        CreatedAt = now;
        Revise(details, now);
    }

    public int Id { get; private set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>GeoJSON LineString or Polygon (RFC 7946 §3.1), normalised to <c>type</c> and <c>coordinates</c>.</summary>
    public string GeometryJson { get; private set; } = "";

    public double MinLon { get; private set; }

    public double MinLat { get; private set; }

    public double MaxLon { get; private set; }

    public double MaxLat { get; private set; }

    /// <summary>The unit responsible on this node's side.</summary>
    public string? ResponsibleSelf { get; private set; }

    /// <summary>The partner's responsible unit, as the partner names it.</summary>
    public string? ResponsiblePartner { get; private set; }

    public string? Notes { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public BoundingBox Bounds => new(MinLon, MinLat, MaxLon, MaxLat);

    public void Revise(SectorDetails details, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(details);
        Name = details.Name;
        GeometryJson = details.Geometry.Json;
        (MinLon, MinLat, MaxLon, MaxLat) = details.Geometry.Bounds;
        ResponsibleSelf = details.ResponsibleSelf;
        ResponsiblePartner = details.ResponsiblePartner;
        Notes = details.Notes;
        UpdatedAt = now;
    }
}

/// <summary>Everything about a sector but its code, already validated.</summary>
public sealed record SectorDetails(string Name, CheckedGeometry Geometry, string? ResponsibleSelf, string? ResponsiblePartner, string? Notes);

internal sealed class SectorConfiguration : IEntityTypeConfiguration<Sector>
{
    public void Configure(EntityTypeBuilder<Sector> builder)
    {
        builder.ToTable("sectors");
        builder.Property(s => s.Code).HasMaxLength(Sector.CodeLength);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.ResponsibleSelf).HasMaxLength(200);
        builder.Property(s => s.ResponsiblePartner).HasMaxLength(200);
        builder.Property(s => s.Notes).HasMaxLength(4000);
        builder.HasIndex(s => new { s.MinLon, s.MaxLon, s.MinLat, s.MaxLat });
        builder.Ignore(s => s.Bounds);
    }
}

public static class SectorQueries
{
    /// <summary>Sectors whose bounding box overlaps <paramref name="box"/> (edges touching count).</summary>
    public static IQueryable<Sector> Overlapping(this IQueryable<Sector> sectors, BoundingBox? box) =>
        box is not { } b
            ? sectors
            : sectors.Where(s => s.MinLon <= b.MaxLon && s.MaxLon >= b.MinLon && s.MinLat <= b.MaxLat && s.MaxLat >= b.MinLat);

    public static Task<Sector?> ByCodeAsync(this IQueryable<Sector> sectors, string code, CancellationToken cancellationToken = default)
    {
        var normalised = SectorCode.Normalize(code);
        return sectors.SingleOrDefaultAsync(s => s.Code == normalised, cancellationToken);
    }
}
