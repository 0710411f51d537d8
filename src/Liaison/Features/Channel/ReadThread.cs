using System.Security.Claims;
using Liaison.Exchange;
using Liaison.Live;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Channel;

/// <summary>
/// A desk user has read the thread: every partner message not yet read here is marked read by that user, and one
/// <c>liaison-receipt</c> naming them goes back to the partner. Only the partner's messages are ever named (a party
/// never receipts its own), and each at most once: the unread ones are chosen under the feed's write lock, so two
/// desks opening the thread together send one receipt, not two.
/// </summary>
public static class ReadThread
{
    public static async Task<Results<Ok<ThreadView>, NotFound, ProblemHttpResult>> HandleAsync(
        string id, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(events);
        var thread = await db.Set<ChannelThread>().AsNoTracking().Include(t => t.PartnerParty).SingleOrDefaultAsync(t => t.ThreadRef == id, cancellationToken);
        if (thread is null)
        {
            return TypedResults.NotFound();
        }

        if (ChannelAccess.Refuse(user) is { } refused)
        {
            return refused;
        }

        var read = await MarkReadAsync(db, time, thread, ChannelAccess.NameOf(user), cancellationToken);
        if (read > 0)
        {
            events.Publish(new DeskSignal("message", thread.ThreadRef, thread.PartnerParty.StixId));
        }

        var view = await ChannelReads.Threads(db).SingleAsync(t => t.Id == thread.Id, cancellationToken);
        return TypedResults.Ok((await ChannelViews.BuildAsync(db, [view], cancellationToken))[0]);
    }

    /// <summary>Marks the partner's unread messages read by <paramref name="by"/> and shares the receipt; answers how many.</summary>
    public static async Task<int> MarkReadAsync(LiaisonDbContext db, TimeProvider time, ChannelThread thread, string by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(thread);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await Feed.BeginAsync(db, cancellationToken);
        var unread = await db.Set<ChannelMessage>()
            .Where(m => m.ThreadId == thread.Id && m.OriginPartyId == thread.PartnerPartyId && m.ReadAt == null)
            .ToListAsync(cancellationToken);
        if (unread.Count == 0)
        {
            return 0;
        }

        unread = [.. ChannelViews.Ordered(unread)];
        var self = await db.Parties.AsNoTracking().SingleAsync(p => p.IsSelf, cancellationToken);
        var receiptId = StixId.NewRandom(LiaisonReceipt.TypeName).ToString();
        foreach (var message in unread)
        {
            message.MarkRead(now, by, receiptId);
        }

        await db.CommitAndShareAsync(transaction, time, [new(ChannelStix.Receipt(receiptId, self.StixId, unread, now, by), [thread.PartnerParty.StixId])], cancellationToken);
        return unread.Count;
    }
}
