using Liaison.Accounts;

namespace Liaison.Features.Channel;

public static class ChannelEndpoints
{
    public static IEndpointRouteBuilder MapChannel(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/channel/threads").WithTags("Channel").RequireAuthorization(Policies.Ready);
        group.MapGet("/", ChannelReads.ListAsync).WithName("ListThreads")
            .WithSummary("Threads with each partner, latest activity first, with unread counts and the last message");
        group.MapPost("/", StartThread.HandleAsync).WithName("StartThread")
            .WithSummary("Opens a thread with a partner party and writes its first message");
        group.MapGet("/{id}", ChannelReads.GetAsync).WithName("GetThread")
            .WithSummary("One thread with its messages in written order, each queued, delivered, received or read; never marks anything read");
        group.MapPost("/{id}/messages", PostMessage.HandleAsync).WithName("PostMessage")
            .WithSummary("Writes a message into a thread; queued while the partner is unreachable, delivered in the order written");
        group.MapPost("/{id}/read", ReadThread.HandleAsync).WithName("ReadThread")
            .WithSummary("Marks the partner's unread messages read by the caller and sends the partner one read receipt");
        return routes;
    }
}
