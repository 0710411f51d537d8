using Liaison.Accounts;

namespace Liaison.Features.Requests;

public static class RequestEndpoints
{
    public static IEndpointRouteBuilder MapRequests(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/requests").WithTags("Requests").RequireAuthorization(Policies.Ready);
        group.MapGet("/", RequestReads.ListAsync).WithName("ListRequests")
            .WithSummary("Filters: direction=in|out, state, open, overdue; newest first, limit and cursor page");
        group.MapPost("/", CreateRequest.HandleAsync).WithName("CreateRequest")
            .WithSummary("Sends a request for information or assistance to a partner party, with a due time");
        group.MapGet("/{id}", RequestReads.GetAsync).WithName("GetRequest").WithSummary("One request with its delivery, acknowledgement and answer or refusal");
        group.MapGet("/{id}/timeline", RequestReads.TimelineAsync).WithName("RequestTimeline").WithSummary("What happened to the request, oldest first");
        group.MapPost("/{id}/acknowledge", AcknowledgeRequest.HandleAsync).WithName("AcknowledgeRequest")
            .WithSummary("Acknowledges a partner's request; a second call returns the first acknowledgement");
        group.MapPost("/{id}/answer", RespondToRequest.AnswerAsync).WithName("AnswerRequest")
            .WithSummary("Answers a partner's request: text plus STIX ids of records this node holds");
        group.MapPost("/{id}/decline", RespondToRequest.DeclineAsync).WithName("DeclineRequest").WithSummary("Declines a partner's request, with a reason");
        group.MapPost("/{id}/withdraw", WithdrawRequest.HandleAsync).WithName("WithdrawRequest").WithSummary("Withdraws an own open request");
        return routes;
    }
}
