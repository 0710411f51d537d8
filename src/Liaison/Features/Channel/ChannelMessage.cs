using Liaison.Features.Parties;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Channel;

/// <summary>How urgently a message wants the other desk's attention.</summary>
public enum MessagePriority
{
    Normal,
    Urgent,
    Flash,
}

/// <summary>Where a message stands: an own one is queued until delivered, then read; a received one is received, then read.</summary>
public enum MessageState
{
    Queued,
    Delivered,
    Received,
    Read,
}

/// <summary>Limits on what a message may hold.</summary>
public static class ChannelLimits
{
    public const int Subject = 200;
    public const int Body = Protocol.Stix.LiaisonMessage.MaxBodyLength;
    public const int Name = 200;
}

/// <summary>
/// One message in a thread, written here or received from the partner. Never edited: a correction is a new message.
/// Its read state is the one thing that changes — set once, on this node when a desk user reads a partner's message,
/// and on the writer's node when the partner's read receipt arrives.
/// </summary>
public sealed class ChannelMessage
{
    private ChannelMessage()
    {
    }

    public int Id { get; private set; }

    public int ThreadId { get; private set; }

    /// <summary><c>liaison-message--uuid</c>, the same on both nodes.</summary>
    public string StixId { get; private set; } = "";

    public int OriginPartyId { get; private set; }

    public Party OriginParty { get; private set; } = null!;

    /// <summary>The message's place among those its party wrote in the thread, from 1.</summary>
    public int Sequence { get; private set; }

    public MessagePriority Priority { get; private set; }

    public string Body { get; private set; } = "";

    public string Author { get; private set; } = "";

    public string? AuthorRole { get; private set; }

    /// <summary>When it was written at its desk, as its party states it.</summary>
    public DateTime WrittenAt { get; private set; }

    /// <summary>When this node stored it: the writing time for an own message, the arrival for a partner's.</summary>
    public DateTime RecordedAt { get; private set; }

    public DateTime? ReadAt { get; private set; }

    public string? ReadBy { get; private set; }

    /// <summary>The <c>liaison-receipt</c> that says it was read (issued here for a partner's message, received for an own one).</summary>
    public string? ReadReceiptId { get; private set; }

    public static ChannelMessage Write(Party self, int sequence, MessagePriority priority, string body, string author, string? authorRole, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(self);
        return new ChannelMessage
        {
            StixId = Protocol.Stix.StixId.NewRandom(Protocol.Stix.LiaisonMessage.TypeName).ToString(),
            OriginParty = self,
            OriginPartyId = self.Id,
            Sequence = sequence,
            Priority = priority,
            Body = body,
            Author = author,
            AuthorRole = authorRole,
            WrittenAt = now,
            RecordedAt = now,
        };
    }

    public static ChannelMessage Received(Party from, Protocol.Stix.LiaisonMessage stix, MessagePriority priority, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(stix);
        return new ChannelMessage
        {
            StixId = stix.Id.ToString(),
            OriginParty = from,
            OriginPartyId = from.Id,
            Sequence = stix.Sequence,
            Priority = priority,
            Body = stix.Body,
            Author = stix.Author,
            AuthorRole = stix.AuthorRole,
            WrittenAt = stix.Written.UtcDateTime,
            RecordedAt = now,
        };
    }

    public bool IsRead => ReadAt is not null;

    /// <summary>Records the reading once; a second reading changes nothing and answers false.</summary>
    public bool MarkRead(DateTime at, string by, string receiptId)
    {
        if (IsRead)
        {
            return false;
        }

        ReadAt = at;
        ReadBy = by;
        ReadReceiptId = receiptId;
        return true;
    }
}

internal sealed class ChannelMessageConfiguration : IEntityTypeConfiguration<ChannelMessage>
{
    public void Configure(EntityTypeBuilder<ChannelMessage> builder)
    {
        builder.ToTable("channel_messages");
        builder.Property(m => m.StixId).HasMaxLength(100);
        builder.HasIndex(m => m.StixId).IsUnique();
        builder.HasOne(m => m.OriginParty).WithMany().HasForeignKey(m => m.OriginPartyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Priority).HasConversion<string>().HasMaxLength(20);
        builder.Property(m => m.Body).HasMaxLength(ChannelLimits.Body);
        builder.Property(m => m.Author).HasMaxLength(ChannelLimits.Name);
        builder.Property(m => m.AuthorRole).HasMaxLength(ChannelLimits.Name);
        builder.Property(m => m.ReadBy).HasMaxLength(ChannelLimits.Name);
        builder.Property(m => m.ReadReceiptId).HasMaxLength(100);
        builder.HasIndex(m => new { m.ThreadId, m.WrittenAt, m.Sequence });
        builder.HasIndex(m => new { m.OriginPartyId, m.ReadAt });
    }
}
