using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Channel;

/// <summary>A party as the channel shows it.</summary>
public sealed record ChannelParty(string Id, string Name, string Country);

/// <summary>
/// One message and where it stands. An own message is <c>queued</c> until the partner's signed TAXII status
/// confirms it (<see cref="DeliveredAt"/>, <see cref="DeliveryReceiptId"/>: the kept <see cref="DeliveryReceipt"/>),
/// then <c>read</c> when the partner's read receipt arrives; a partner's message is <c>received</c>, then <c>read</c>.
/// </summary>
public sealed record MessageView(
    string Id,
    string Direction,
    ChannelParty Party,
    int Sequence,
    MessagePriority Priority,
    string Author,
    string? AuthorRole,
    string Body,
    DateTime WrittenAt,
    DateTime RecordedAt,
    MessageState State,
    DateTime? DeliveredAt,
    long? DeliveryReceiptId,
    DateTime? ReadAt,
    string? ReadBy,
    string? ReadReceiptId);

/// <summary>A thread in the list: its latest message and how many of the partner's messages nobody here has read.</summary>
public sealed record ThreadSummary(string Id, string Subject, ChannelParty Partner, bool OpenedHere, DateTime CreatedAt, int Unread, int Messages, MessageView? LastMessage);

/// <summary>A thread with all its messages, oldest first (by written time, then each side's sequence).</summary>
public sealed record ThreadView(string Id, string Subject, ChannelParty Partner, bool OpenedHere, DateTime CreatedAt, int Unread, IReadOnlyList<MessageView> Messages);

/// <summary>Builds the views, joining each own message to its delivery to the thread's partner.</summary>
public static class ChannelViews
{
    public static ChannelParty PartyOf(Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return new ChannelParty(party.StixId, party.Name, party.Country);
    }

    public static async Task<IReadOnlyList<ThreadView>> BuildAsync(LiaisonDbContext db, IReadOnlyList<ChannelThread> threads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(threads);
        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        var own = threads.SelectMany(t => t.Messages).Where(m => m.OriginPartyId == self.Id).Select(m => m.StixId).ToList();
        var delivered = own.Count == 0 ? [] : await db.Set<Delivery>().AsNoTracking()
            .Where(d => d.State == DeliveryState.Delivered && own.Contains(d.Shared.StixId))
            .Select(d => new { d.Shared.StixId, d.Partner.PartyId, d.DeliveredAt, d.ReceiptId })
            .ToListAsync(cancellationToken);
        return [.. threads.Select(thread =>
        {
            var messages = Ordered(thread.Messages).Select(m =>
            {
                var mine = m.OriginPartyId == self.Id;
                var delivery = mine ? delivered.FirstOrDefault(d => d.StixId == m.StixId && d.PartyId == thread.PartnerPartyId) : null;
                var state = m.IsRead ? MessageState.Read : !mine ? MessageState.Received : delivery is null ? MessageState.Queued : MessageState.Delivered;
                return new MessageView(m.StixId, mine ? "sent" : "received", PartyOf(mine ? self : thread.PartnerParty), m.Sequence, m.Priority,
                    m.Author, m.AuthorRole, m.Body, m.WrittenAt, m.RecordedAt, state, delivery?.DeliveredAt, delivery?.ReceiptId, m.ReadAt, m.ReadBy, m.ReadReceiptId);
            }).ToList();
            var unread = thread.Messages.Count(m => m.OriginPartyId == thread.PartnerPartyId && !m.IsRead);
            return new ThreadView(thread.ThreadRef, thread.Subject, PartyOf(thread.PartnerParty), thread.OpenedHere, thread.CreatedAt, unread, messages);
        })];
    }

    /// <summary>The order both nodes show: as written, each side's own sequence breaking ties within a side.</summary>
    public static IEnumerable<ChannelMessage> Ordered(IEnumerable<ChannelMessage> messages) =>
        messages.OrderBy(m => m.WrittenAt).ThenBy(m => m.OriginPartyId).ThenBy(m => m.Sequence);
}
