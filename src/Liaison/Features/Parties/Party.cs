using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Parties;

/// <summary>
/// A state taking part in the mechanism: this node's own party, and later its partners.
/// Its <see cref="StixId"/> is the STIX <c>identity</c> every record the party originates points to
/// with <c>created_by_ref</c> (STIX 2.1 §3.2).
/// </summary>
public sealed class Party
{
    private Party()
    {
    }

    public Party(string stixId, string name, string country, bool isSelf, DateTime createdAt)
    {
        StixId = stixId;
        Name = name;
        Country = country;
        IsSelf = isSelf;
        CreatedAt = createdAt;
    }

    public int Id { get; private set; }

    public string StixId { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>ISO 3166-1 alpha-2 code, upper case.</summary>
    public string Country { get; private set; } = "";

    public bool IsSelf { get; private set; }

    public DateTime CreatedAt { get; private set; }
}

internal sealed class PartyConfiguration : IEntityTypeConfiguration<Party>
{
    public void Configure(EntityTypeBuilder<Party> builder)
    {
        builder.ToTable("parties");
        builder.Property(p => p.StixId).HasMaxLength(100);
        builder.HasIndex(p => p.StixId).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Country).HasMaxLength(2);
    }
}

public static class PartyQueries
{
    public static Task<Party> SelfAsync(this IQueryable<Party> parties, CancellationToken cancellationToken = default) =>
        parties.SingleAsync(p => p.IsSelf, cancellationToken);
}
