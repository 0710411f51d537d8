using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Http;
using Liaison.Live;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Channel;

/// <summary>What a desk writes into a thread.</summary>
/// <param name="Body">The text, up to <see cref="ChannelLimits.Body"/> characters.</param>
/// <param name="Priority"><c>normal</c> (the default), <c>urgent</c> or <c>flash</c>.</param>
/// <param name="AuthorRole">The writer's rank or role as the partner should read it; the writer's desk role when left out.</param>
public sealed record MessageInput(string? Body, string? Priority, string? AuthorRole);

/// <summary>
/// Writes one own message: its sequence is taken under the feed's write lock, so two desks writing at once get
/// 1 and 2, never 1 and 1, and the message is shared in the same transaction — stored and queued in the outbox
/// for the thread's partner even while the partner is unreachable; the relay delivers a partner's rows in the
/// order they were written.
/// </summary>
public static class ChannelWrites
{
    public static (MessagePriority Priority, string Body)? Validate(MessageInput? input, Validation validation, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(validation);
        validation.Require(prefix + "body", input?.Body, ChannelLimits.Body);
        var priority = input?.Priority is null ? MessagePriority.Normal : ChannelStix.ParsePriority(input.Priority);
        validation.When(priority is null, prefix + "priority", "must be normal, urgent or flash");
        validation.When(input?.AuthorRole?.Length > ChannelLimits.Name, prefix + "authorRole", $"must be at most {ChannelLimits.Name} characters");
        return validation.IsValid ? (priority!.Value, input!.Body!.Trim()) : null;
    }

    public static async Task<ChannelMessage> AppendAsync(
        LiaisonDbContext db, TimeProvider time, DeskEvents events, ChannelThread thread, MessagePriority priority, string body, string author, string? authorRole,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(thread);
        var now = time.GetUtcNow().UtcDateTime;
        ChannelMessage message;
        await using (var transaction = await Feed.BeginAsync(db, cancellationToken))
        {
            var self = await db.Parties.SelfAsync(cancellationToken);
            var last = thread.Id == 0 ? 0 : await db.Set<ChannelMessage>()
                .Where(m => m.ThreadId == thread.Id && m.OriginPartyId == self.Id).MaxAsync(m => (int?)m.Sequence, cancellationToken) ?? 0;
            message = ChannelMessage.Write(self, last + 1, priority, body, author, authorRole, now);
            thread.Messages.Add(message);
            await db.SaveChangesAsync(cancellationToken);
            await Feed.ShareAsync(db, time, Outgoing(self, thread, message), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        Relay.Poke();
        events.Publish(new DeskSignal("message", thread.ThreadRef, thread.PartnerParty.StixId, ChannelStix.SignalPrecedence(priority)));
        return message;
    }

    /// <summary>The party's identity (so the partner can name the writer) and the message, released only to the thread's partner.</summary>
    public static IReadOnlyList<Feed.Outgoing> Outgoing(Party self, ChannelThread thread, ChannelMessage message)
    {
        ArgumentNullException.ThrowIfNull(thread);
        return [new(PartyStix.Identity(self), []), new(ChannelStix.ToStix(thread, message), [thread.PartnerParty.StixId])];
    }
}
