using Liaison.Features.Sectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Officers;

/// <summary>The rungs of the escalation ladder, in the order an unanswered call climbs them.</summary>
public enum DutyRole
{
    DutyOfficer,
    Supervisor,
    HeadOfDesk,
}

/// <summary>An officer on duty for a sector over the half-open interval [<see cref="Start"/>, <see cref="End"/>), UTC.</summary>
public sealed class DutyShift
{
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(7);

    private DutyShift()
    {
    }

    public DutyShift(Officer officer, Sector sector, DutyRole role, DateTime start, DateTime end, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(sector);
        if (end <= start || end - start > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(end), "A shift ends after it starts and lasts at most seven days.");
        }

        Officer = officer;
        OfficerId = officer.Id;
        Sector = sector;
        SectorId = sector.Id;
        Role = role;
        Start = start;
        End = end;
        CreatedAt = now;
    }

    public int Id { get; private set; }

    public int OfficerId { get; private set; }

    public Officer Officer { get; private set; } = null!;

    public int SectorId { get; private set; }

    public Sector Sector { get; private set; } = null!;

    public DutyRole Role { get; private set; }

    public DateTime Start { get; private set; }

    public DateTime End { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>The STIX id of the partner's liaison-duty-shift this row projects; null for own shifts.</summary>
    public string? StixId { get; private set; }

    /// <summary>The modified timestamp of the partner's version this row projects, so an older version never wins.</summary>
    public DateTime? StixModified { get; private set; }

    /// <summary>Records which version of the partner's shift this row shows.</summary>
    public void ProjectedFrom(string stixId, DateTime modified)
    {
        StixId = stixId;
        StixModified = modified;
    }

    /// <summary>Applies a newer version of a partner's shift.</summary>
    public void Revise(Sector sector, DutyRole role, DateTime start, DateTime end)
    {
        ArgumentNullException.ThrowIfNull(sector);
        if (end <= start || end - start > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(end), "A shift ends after it starts and lasts at most seven days.");
        }

        Sector = sector;
        SectorId = sector.Id;
        Role = role;
        Start = start;
        End = end;
    }
}

/// <summary>The roles as the API spells them.</summary>
public static class DutyRoles
{
    private static readonly Dictionary<string, DutyRole> ByName = new(StringComparer.Ordinal)
    {
        ["duty-officer"] = DutyRole.DutyOfficer,
        ["supervisor"] = DutyRole.Supervisor,
        ["head-of-desk"] = DutyRole.HeadOfDesk,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static DutyRole? Parse(string? name) => name is not null && ByName.TryGetValue(name, out var role) ? role : null;

    public static string Name(DutyRole role) => ByName.Single(r => r.Value == role).Key;
}

internal sealed class DutyShiftConfiguration : IEntityTypeConfiguration<DutyShift>
{
    public void Configure(EntityTypeBuilder<DutyShift> builder)
    {
        builder.ToTable("duty_shifts");
        builder.Property(s => s.Role).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(s => s.Officer).WithMany().HasForeignKey(s => s.OfficerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Sector).WithMany().HasForeignKey(s => s.SectorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.SectorId, s.Start, s.End });
        builder.Property(s => s.StixId).HasMaxLength(100);
        builder.HasIndex(s => s.StixId).IsUnique();
    }
}
