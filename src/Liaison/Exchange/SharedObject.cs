using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Exchange;

/// <summary>
/// One version of one STIX object as it travels between nodes, exactly as its originator wrote it. This node's
/// own records are appended when they change (same transaction as the change); a partner's arrive by push or pull.
/// <see cref="Seq"/> and <see cref="DateAdded"/> both grow strictly with every append, so TAXII paging by
/// <c>added_after</c> and <c>next</c> never skips or repeats an object (see <see cref="Feed"/>).
/// </summary>
public sealed class SharedObject
{
    private SharedObject()
    {
    }

    internal SharedObject(StoredStix stix, int originPartyId, ReleaseFacts release, DateTime dateAdded)
    {
        StixId = stix.Id;
        Type = stix.Type;
        Version = stix.Version;
        VersionAt = stix.VersionAt;
        SpecVersion = stix.SpecVersion;
        CreatedByRef = stix.CreatedByRef;
        Revoked = stix.Revoked;
        RefersTo = stix.RefersTo;
        Tlp = stix.Tlp;
        OriginPartyId = originPartyId;
        Recipients = ReleaseFacts.Join(release.Recipients);
        OnwardConsent = ReleaseFacts.Join(release.OnwardConsent);
        DateAdded = dateAdded;
        Json = stix.Json;
        IsLatest = true;
    }

    public long Seq { get; private set; }

    public string StixId { get; private set; } = "";

    public string Type { get; private set; } = "";

    /// <summary>The object's <c>modified</c> (or <c>created</c>, for objects that are never versioned) as written.</summary>
    public string Version { get; private set; } = "";

    public DateTime VersionAt { get; private set; }

    public string SpecVersion { get; private set; } = StixJson.SpecVersion;

    public string? CreatedByRef { get; private set; }

    public bool Revoked { get; private set; }

    /// <summary>For a relationship, its <c>source_ref</c>: lets a record be rebuilt from the objects that describe it.</summary>
    public string? RefersTo { get; private set; }

    public TlpLevel? Tlp { get; private set; }

    public int OriginPartyId { get; private set; }

    public Party OriginParty { get; private set; } = null!;

    /// <summary>Space-separated identity ids the originator addressed; empty means every partner the TLP allows.</summary>
    public string Recipients { get; private set; } = "";

    /// <summary>Space-separated identity ids the originator consented to onward sharing with (third parties).</summary>
    public string OnwardConsent { get; private set; } = "";

    public DateTime DateAdded { get; private set; }

    /// <summary>True for the newest version of <see cref="StixId"/> on this node (TAXII <c>match[version]=last</c>).</summary>
    public bool IsLatest { get; private set; }

    public string Json { get; private set; } = "";

    public ReleaseFacts Release => new(OriginPartyId, Tlp, ReleaseFacts.Split(Recipients), ReleaseFacts.Split(OnwardConsent));

    internal void Supersede() => IsLatest = false;
}

internal sealed class SharedObjectConfiguration : IEntityTypeConfiguration<SharedObject>
{
    public void Configure(EntityTypeBuilder<SharedObject> builder)
    {
        builder.ToTable("stix_objects");
        builder.HasKey(o => o.Seq);
        builder.Property(o => o.Seq).ValueGeneratedOnAdd();
        builder.Property(o => o.StixId).HasMaxLength(100);
        builder.Property(o => o.Type).HasMaxLength(64);
        builder.Property(o => o.Version).HasMaxLength(40);
        builder.Property(o => o.SpecVersion).HasMaxLength(8);
        builder.Property(o => o.CreatedByRef).HasMaxLength(100);
        builder.Property(o => o.RefersTo).HasMaxLength(100);
        builder.Property(o => o.Tlp).HasConversion<string>().HasMaxLength(20);
        builder.Property(o => o.Recipients).HasMaxLength(2000);
        builder.Property(o => o.OnwardConsent).HasMaxLength(2000);
        builder.HasOne(o => o.OriginParty).WithMany().HasForeignKey(o => o.OriginPartyId).OnDelete(DeleteBehavior.Restrict);
        // STIX 2.1 §3.6: (id, modified) names one version; the exchange stores each exactly once.
        builder.HasIndex(o => new { o.StixId, o.VersionAt }).IsUnique();
        builder.HasIndex(o => o.DateAdded).IsUnique();
        builder.HasIndex(o => new { o.Type, o.Seq });
        builder.HasIndex(o => o.RefersTo);
    }
}
