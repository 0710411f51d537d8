using System.Security.Claims;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Channel;

/// <summary>Writes a message into an existing thread, whichever side opened it. A correction is a new message.</summary>
public static class PostMessage
{
    public static async Task<Results<Created<MessageView>, NotFound, ValidationProblem, ProblemHttpResult>> HandleAsync(
        string id, MessageInput? request, LiaisonDbContext db, TimeProvider time, Live.DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var thread = await db.Set<ChannelThread>().Include(t => t.PartnerParty).SingleOrDefaultAsync(t => t.ThreadRef == id, cancellationToken);
        if (thread is null)
        {
            return TypedResults.NotFound();
        }

        if (ChannelAccess.Refuse(user) is { } refused)
        {
            return refused;
        }

        var validation = new Http.Validation();
        if (ChannelWrites.Validate(request, validation) is not { } valid)
        {
            return validation.Problem();
        }

        var message = await ChannelWrites.AppendAsync(db, time, events, thread, valid.Priority, valid.Body,
            ChannelAccess.NameOf(user), ChannelAccess.RoleOf(user, request!.AuthorRole), cancellationToken);
        var view = (await ChannelViews.BuildAsync(db, [await ChannelReads.Threads(db).SingleAsync(t => t.Id == thread.Id, cancellationToken)], cancellationToken))[0];
        return TypedResults.Created($"/api/channel/threads/{thread.ThreadRef}", view.Messages.Single(m => m.Id == message.StixId));
    }
}
