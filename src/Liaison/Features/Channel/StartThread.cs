using System.Security.Claims;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Http;
using Liaison.Live;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Channel;

/// <summary>Opens a thread with a partner party and writes its first message.</summary>
public static class StartThread
{
    /// <summary>A new thread.</summary>
    /// <param name="Partner">The STIX identity of the partner party the thread is with.</param>
    /// <param name="Subject">What the thread is about, up to <see cref="ChannelLimits.Subject"/> characters.</param>
    /// <param name="Message">The first message.</param>
    public sealed record Request(string? Partner, string? Subject, MessageInput? Message);

    public static async Task<Results<Created<ThreadView>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Request? request, LiaisonDbContext db, TimeProvider time, DeskEvents events, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (ChannelAccess.Refuse(user) is { } refused)
        {
            return refused;
        }

        var validation = new Validation().Require("subject", request?.Subject, ChannelLimits.Subject);
        Party? partner = null;
        if (string.IsNullOrWhiteSpace(request?.Partner))
        {
            validation.Add("partner", "is required");
        }
        else
        {
            partner = await db.Set<Partner>().Where(p => p.Party.StixId == request.Partner && !p.Party.IsSelf).Select(p => p.Party).FirstOrDefaultAsync(cancellationToken);
            validation.When(partner is null, "partner", $"'{request.Partner}' is not a partner party of this node");
        }

        if (request?.Message is null)
        {
            validation.Add("message", "is required");
        }

        var valid = ChannelWrites.Validate(request?.Message, validation, "message.");
        if (!validation.IsValid || valid is not { } message)
        {
            return validation.Problem();
        }

        var thread = ChannelThread.Open(partner!, request!.Subject!.Trim(), time.GetUtcNow().UtcDateTime);
        db.Add(thread);
        await ChannelWrites.AppendAsync(db, time, events, thread, message.Priority, message.Body,
            ChannelAccess.NameOf(user), ChannelAccess.RoleOf(user, request.Message!.AuthorRole), cancellationToken);
        var view = (await ChannelViews.BuildAsync(db, [thread], cancellationToken))[0];
        return TypedResults.Created($"/api/channel/threads/{thread.ThreadRef}", view);
    }
}
