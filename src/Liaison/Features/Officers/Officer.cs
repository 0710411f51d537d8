using Liaison.Features.Parties;
using Liaison.Features.Sectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Officers;

/// <summary>
/// A liaison officer: who they are, where they serve, and how to reach them. Officers of this node's own party are
/// edited here; officers of the partner are a read-only projection of the partner's released roster
/// (DESIGN §1 "Each party releases its own roster to the partner") and carry the STIX id the partner gave them.
/// </summary>
public sealed class Officer
{
    private readonly List<ContactChannel> _contacts = [];

    private Officer()
    {
    }

    /// <summary>An officer of <paramref name="party"/>; own officers get the self party.</summary>
    public Officer(Party party, OfficerDetails details, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(party);
        Party = party;
        PartyId = party.Id;
        CreatedAt = now;
        Revise(details, now);
    }

    public int Id { get; private set; }

    /// <summary>The party whose roster the officer belongs to (required).</summary>
    public int PartyId { get; private set; }

    public Party Party { get; private set; } = null!;

    /// <summary>
    /// The STIX identity id the partner issued for a received officer; null for own officers, whose id is derived
    /// (<see cref="OfficerStix.IdOf"/>).
    /// </summary>
    public string? StixId { get; private set; }

    /// <summary>The modified timestamp of the partner's version this row projects, so an older version never wins.</summary>
    public DateTime? StixModified { get; private set; }

    public string FullName { get; private set; } = "";

    public string? Rank { get; private set; }

    public string? Unit { get; private set; }

    public int? SectorId { get; private set; }

    public Sector? Sector { get; private set; }

    /// <summary>BCP 47 language tags (RFC 5646), e.g. <c>fa</c>, <c>ur</c>, <c>bal</c>.</summary>
    public List<string> Languages { get; private set; } = [];

    public IReadOnlyList<ContactChannel> Contacts => _contacts;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public void Revise(OfficerDetails details, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(details);
        FullName = details.FullName;
        Rank = details.Rank;
        Unit = details.Unit;
        Sector = details.Sector;
        SectorId = details.Sector?.Id;
        Languages = [.. details.Languages];
        _contacts.Clear();
        _contacts.AddRange(details.Contacts.Select(c => new ContactChannel(c.Kind, c.Value)));
        // Each revision is a new roster version for the partner, named by this time: never the same instant twice.
        UpdatedAt = RosterStix.LaterThan(UpdatedAt, now);
    }

    /// <summary>Records which version of the partner's identity this row shows.</summary>
    public void ProjectedFrom(string stixId, DateTime modified)
    {
        StixId = stixId;
        StixModified = modified;
    }
}

public enum ContactKind
{
    Phone,
    Radio,
    Email,
}

/// <summary>One way to reach an officer: a phone number, a radio channel or an e-mail address.</summary>
public sealed class ContactChannel(ContactKind kind, string value)
{
    public ContactKind Kind { get; private set; } = kind;

    public string Value { get; private set; } = value;
}

/// <summary>Everything about an officer, already validated.</summary>
public sealed record OfficerDetails(string FullName, string? Rank, string? Unit, Sector? Sector, IReadOnlyList<string> Languages, IReadOnlyList<ContactChannel> Contacts);

internal sealed class OfficerConfiguration : IEntityTypeConfiguration<Officer>
{
    public void Configure(EntityTypeBuilder<Officer> builder)
    {
        builder.ToTable("officers");
        builder.Property(o => o.FullName).HasMaxLength(200);
        builder.Property(o => o.Rank).HasMaxLength(100);
        builder.Property(o => o.Unit).HasMaxLength(200);
        builder.HasOne(o => o.Party).WithMany().HasForeignKey(o => o.PartyId).OnDelete(DeleteBehavior.Restrict);
        // Rows from before party rosters get the self party's id, so the foreign key can be added (see RosterUpgrade).
        builder.Property(o => o.PartyId).HasDefaultValue(RosterUpgrade.FirstPartyId);
        builder.Property(o => o.StixId).HasMaxLength(100);
        builder.HasIndex(o => o.StixId).IsUnique();
        builder.HasOne(o => o.Sector).WithMany().HasForeignKey(o => o.SectorId).OnDelete(DeleteBehavior.Restrict);
        // Contacts are read and replaced whole with their officer, never queried alone: one JSON column.
        builder.OwnsMany(o => o.Contacts, c =>
        {
            c.ToJson("Contacts");
            c.Property(x => x.Kind).HasConversion<string>();
        });
        builder.Navigation(o => o.Contacts).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
