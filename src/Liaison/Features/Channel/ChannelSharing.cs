using System.Text.Json;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Live;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Channel;

/// <summary>
/// What arrives from the partner over the channel, applied inside the ingest transaction: its messages (opening the
/// thread here on the first one) and its read receipts for this party's messages.
/// </summary>
public static class ChannelSharing
{
    /// <summary>
    /// A partner's message. It joins the thread its <c>thread_ref</c> names when that thread is with the sender;
    /// a thread_ref already used with another party is not the sender's to write into, so the message stays in the
    /// shared store only.
    /// </summary>
    public static async Task ReceiveMessageAsync(LiaisonDbContext db, TimeProvider time, Party from, StoredStix stix, ICollection<DeskSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(stix);
        ArgumentNullException.ThrowIfNull(signals);
        var message = Parse(stix.Json, LiaisonMessage.FromJson);
        if (await db.Set<ChannelMessage>().AnyAsync(m => m.StixId == stix.Id, cancellationToken))
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var thread = await db.Set<ChannelThread>().SingleOrDefaultAsync(t => t.ThreadRef == message.ThreadRef, cancellationToken);
        if (thread is null)
        {
            thread = ChannelThread.Received(from, message.ThreadRef, Trim(message.Subject, ChannelLimits.Subject), now);
            db.Add(thread);
        }
        else if (thread.PartnerPartyId != from.Id)
        {
            return;
        }

        var priority = ChannelStix.ParsePriority(message.Priority) ?? MessagePriority.Normal;
        thread.Messages.Add(ChannelMessage.Received(from, message with
        {
            Author = Trim(message.Author, ChannelLimits.Name),
            AuthorRole = message.AuthorRole is null ? null : Trim(message.AuthorRole, ChannelLimits.Name),
        }, priority, now));
        // Saved now: a second message of the same new thread in the same envelope must find the thread.
        await db.SaveChangesAsync(cancellationToken);
        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        signals.Add(new DeskSignal("message", thread.ThreadRef, self.StixId, ChannelStix.SignalPrecedence(priority)));
    }

    /// <summary>
    /// A partner's read receipt. Only this party's own messages in threads with the sender are marked, each once;
    /// the time it states is bounded by what is possible (not before the message was written, not after now).
    /// </summary>
    public static async Task ReceiveReceiptAsync(LiaisonDbContext db, TimeProvider time, Party from, StoredStix stix, ICollection<DeskSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(stix);
        ArgumentNullException.ThrowIfNull(signals);
        var receipt = Parse(stix.Json, LiaisonReceipt.FromJson);
        var now = time.GetUtcNow().UtcDateTime;
        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        var refs = receipt.MessageRefs.Select(r => r.ToString()).ToList();
        var messages = await db.Set<ChannelMessage>()
            .Where(m => refs.Contains(m.StixId) && m.OriginPartyId == self.Id && m.ReadAt == null)
            .Join(db.Set<ChannelThread>().Where(t => t.PartnerPartyId == from.Id), m => m.ThreadId, t => t.Id, (m, t) => new { Message = m, t.ThreadRef })
            .ToListAsync(cancellationToken);
        foreach (var (message, threadRef) in messages.Select(m => (m.Message, m.ThreadRef)))
        {
            var stated = receipt.ReadAt.UtcDateTime;
            var at = stated < message.WrittenAt ? message.WrittenAt : stated > now ? now : stated;
            message.MarkRead(at, Trim(receipt.ReadBy, ChannelLimits.Name), receipt.Id.ToString());
        }

        foreach (var threadRef in messages.Select(m => m.ThreadRef).Distinct())
        {
            signals.Add(new DeskSignal("message", threadRef, from.StixId));
        }
    }

    private static string Trim(string text, int max) => text.Length > max ? text[..max] : text;

    private static T Parse<T>(string json, Func<JsonElement, T> read)
    {
        using var document = JsonDocument.Parse(json);
        return read(document.RootElement);
    }
}
