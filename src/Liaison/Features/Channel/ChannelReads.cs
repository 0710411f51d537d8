using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Channel;

/// <summary>
/// Reading the channel. Looking never marks anything read: a GET is safe (RFC 9110 §9.2.1) and an API client or
/// an auditor browsing must not tell the partner a desk has read its messages. A desk marks a thread read with
/// <see cref="ReadThread"/> (the desk page does so when it opens the thread).
/// </summary>
public static class ChannelReads
{
    public static async Task<Ok<IReadOnlyList<ThreadSummary>>> ListAsync(LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var threads = await Threads(db).ToListAsync(cancellationToken);
        var views = await ChannelViews.BuildAsync(db, threads, cancellationToken);
        IReadOnlyList<ThreadSummary> list = [.. views
            .Select(v => new ThreadSummary(v.Id, v.Subject, v.Partner, v.OpenedHere, v.CreatedAt, v.Unread, v.Messages.Count, v.Messages.Count == 0 ? null : v.Messages[^1]))
            .OrderByDescending(s => s.LastMessage?.WrittenAt ?? s.CreatedAt)];
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<ThreadView>, NotFound>> GetAsync(string id, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var thread = await Threads(db).SingleOrDefaultAsync(t => t.ThreadRef == id, cancellationToken);
        return thread is null ? TypedResults.NotFound() : TypedResults.Ok((await ChannelViews.BuildAsync(db, [thread], cancellationToken))[0]);
    }

    internal static IQueryable<ChannelThread> Threads(LiaisonDbContext db) =>
        db.Set<ChannelThread>().AsNoTracking().AsSplitQuery().Include(t => t.PartnerParty).Include(t => t.Messages);
}
