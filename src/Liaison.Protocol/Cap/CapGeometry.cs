using System.Globalization;

namespace Liaison.Protocol.Cap;

/// <summary>A WGS 84 point, written <c>latitude,longitude</c> in CAP (§3.2.4).</summary>
/// <param name="Latitude">Degrees north, −90 to 90.</param>
/// <param name="Longitude">Degrees east, −180 to 180.</param>
public readonly record struct CapPoint(double Latitude, double Longitude)
{
    /// <summary>Parses <c>latitude,longitude</c>.</summary>
    /// <param name="text">The pair.</param>
    /// <returns>The point.</returns>
    /// <exception cref="FormatException">Not a pair of coordinates in range.</exception>
    public static CapPoint Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(',');
        if (parts.Length != 2 || !TryNumber(parts[0], out var latitude) || !TryNumber(parts[1], out var longitude))
        {
            throw new FormatException($"'{text}' is not a 'latitude,longitude' pair.");
        }

        var point = new CapPoint(latitude, longitude);
        point.Check();
        return point;
    }

    /// <summary>Throws when the coordinates are out of range.</summary>
    /// <exception cref="FormatException">Latitude beyond ±90 or longitude beyond ±180.</exception>
    public void Check()
    {
        if (!(Latitude is >= -90 and <= 90) || !(Longitude is >= -180 and <= 180))
        {
            throw new FormatException($"'{this}' is out of range (latitude -90 to 90, longitude -180 to 180).");
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Latitude},{Longitude}");

    internal static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
        && double.IsFinite(value);
}

/// <summary>A closed polygon: at least four points, the first and last the same (CAP 1.2 §3.2.4).</summary>
public sealed record CapPolygon
{
    /// <summary>Creates a polygon, checking it is closed and has at least four points.</summary>
    /// <param name="points">The points, first and last equal.</param>
    /// <exception cref="FormatException">Fewer than four points, not closed, or a point out of range.</exception>
    public CapPolygon(IReadOnlyList<CapPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count < 4)
        {
            throw new FormatException($"a polygon needs at least 4 points (the first repeated last), not {points.Count}.");
        }

        if (points[0] != points[^1])
        {
            throw new FormatException($"the polygon is not closed: it starts at {points[0]} but ends at {points[^1]}.");
        }

        foreach (var point in points)
        {
            point.Check();
        }

        Points = points;
    }

    /// <summary>The points, first and last equal.</summary>
    public IReadOnlyList<CapPoint> Points { get; }

    /// <summary>Parses space-delimited <c>latitude,longitude</c> pairs.</summary>
    /// <param name="text">The element's text.</param>
    /// <returns>The polygon.</returns>
    /// <exception cref="FormatException">Not a closed polygon of at least four points.</exception>
    public static CapPolygon Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pairs = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return new CapPolygon([.. pairs.Select(CapPoint.Parse)]);
    }

    /// <summary>Whether both polygons have the same points.</summary>
    /// <param name="other">The other polygon.</param>
    /// <returns>True when equal point by point.</returns>
    public bool Equals(CapPolygon? other) => other is not null && Points.SequenceEqual(other.Points);

    /// <inheritdoc/>
    public override int GetHashCode() => Points.Count == 0 ? 0 : HashCode.Combine(Points.Count, Points[0]);

    /// <inheritdoc/>
    public override string ToString() => string.Join(' ', Points);
}

/// <summary>A circle: a centre and a radius in kilometres, written <c>latitude,longitude radius</c> (CAP 1.2 §3.2.4).</summary>
public sealed record CapCircle
{
    /// <summary>Creates a circle.</summary>
    /// <param name="center">The centre.</param>
    /// <param name="radiusKm">The radius in kilometres, zero or more.</param>
    /// <exception cref="FormatException">The centre is out of range or the radius negative.</exception>
    public CapCircle(CapPoint center, double radiusKm)
    {
        center.Check();
        if (!(radiusKm >= 0) || !double.IsFinite(radiusKm))
        {
            throw new FormatException($"the radius must be a number of kilometres, zero or more, not {radiusKm.ToString(CultureInfo.InvariantCulture)}.");
        }

        Center = center;
        RadiusKm = radiusKm;
    }

    /// <summary>The centre.</summary>
    public CapPoint Center { get; }

    /// <summary>The radius in kilometres.</summary>
    public double RadiusKm { get; }

    /// <summary>Parses <c>latitude,longitude radius</c>.</summary>
    /// <param name="text">The element's text.</param>
    /// <returns>The circle.</returns>
    /// <exception cref="FormatException">Not a circle.</exception>
    public static CapCircle Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !CapPoint.TryNumber(parts[1], out var radius))
        {
            throw new FormatException($"'{text}' is not 'latitude,longitude radius'.");
        }

        return new CapCircle(CapPoint.Parse(parts[0]), radius);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Center} {RadiusKm}");
}
