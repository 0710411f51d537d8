using Liaison.Features.Parties;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Channel;

/// <summary>
/// A conversation between this party's desk and one partner's. Either side may open it; its identity is the
/// <see cref="ThreadRef"/> the opener chose, which every message of the thread carries, so both nodes hold the same
/// thread under the same id while each side's messages stay its own records.
/// </summary>
public sealed class ChannelThread
{
    private ChannelThread()
    {
    }

    public int Id { get; private set; }

    /// <summary>The UUID the opening side chose (the <c>thread_ref</c> of every <c>liaison-message</c> in it).</summary>
    public string ThreadRef { get; private set; } = "";

    public string Subject { get; private set; } = "";

    public int PartnerPartyId { get; private set; }

    /// <summary>The party the thread is with (never this node's own).</summary>
    public Party PartnerParty { get; private set; } = null!;

    /// <summary>True when this node's party opened it.</summary>
    public bool OpenedHere { get; private set; }

    /// <summary>When it was opened here, or first received.</summary>
    public DateTime CreatedAt { get; private set; }

    public List<ChannelMessage> Messages { get; private set; } = [];

    public static ChannelThread Open(Party partner, string subject, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return new ChannelThread
        {
            ThreadRef = Guid.NewGuid().ToString(),
            Subject = subject,
            PartnerParty = partner,
            PartnerPartyId = partner.Id,
            OpenedHere = true,
            CreatedAt = now,
        };
    }

    /// <summary>A thread the partner opened, as its first message to arrive names it.</summary>
    public static ChannelThread Received(Party partner, string threadRef, string subject, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return new ChannelThread
        {
            ThreadRef = threadRef,
            Subject = subject,
            PartnerParty = partner,
            PartnerPartyId = partner.Id,
            OpenedHere = false,
            CreatedAt = now,
        };
    }
}

internal sealed class ChannelThreadConfiguration : IEntityTypeConfiguration<ChannelThread>
{
    public void Configure(EntityTypeBuilder<ChannelThread> builder)
    {
        builder.ToTable("channel_threads");
        builder.Property(t => t.ThreadRef).HasMaxLength(36);
        builder.HasIndex(t => t.ThreadRef).IsUnique();
        builder.Property(t => t.Subject).HasMaxLength(ChannelLimits.Subject);
        builder.HasOne(t => t.PartnerParty).WithMany().HasForeignKey(t => t.PartnerPartyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.PartnerPartyId, t.Id });
        builder.HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.ThreadId).OnDelete(DeleteBehavior.Cascade);
    }
}
