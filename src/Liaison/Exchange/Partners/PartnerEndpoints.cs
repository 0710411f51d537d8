using Liaison.Accounts;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Liaison.Exchange.Partners;

public static class PartnerEndpoints
{
    /// <summary>The administrator's view of the partner nodes this node exchanges with, and the levers on each link.</summary>
    public static IEndpointRouteBuilder MapPartners(this IEndpointRouteBuilder routes)
    {
        var partners = routes.MapGroup("/api/partners").WithTags("Partners").RequireAuthorization(Policies.Administrator);
        partners.MapGet("/", ListAsync).WithName("ListPartners")
            .WithSummary("Partners with state, link health, last contact, outbox backlog and dead letters");
        partners.MapGet("/{id:int}", GetAsync).WithName("GetPartner").WithSummary("One partner");
        partners.MapPost("/{id:int}/suspend", SuspendPartner.SuspendAsync).WithName("SuspendPartner")
            .WithSummary("Stops sending to and accepting from the partner; what would be sent waits in the outbox");
        partners.MapPost("/{id:int}/resume", SuspendPartner.ResumeAsync).WithName("ResumePartner")
            .WithSummary("Restarts a suspended link; a trusted partner is then owed every record released to it");
        partners.MapPut("/{id:int}/ack-windows", AckWindows.SetAsync).WithName("SetAckWindows")
            .WithSummary("Sets the link's alert acknowledgement windows per precedence (ISO 8601 durations or seconds); a precedence left out goes back to its default");
        partners.MapGet("/{id:int}/dead-letters", DeadLetters.ListAsync).WithName("ListDeadLetters")
            .WithSummary("Deliveries the partner refused or that ran out of retries, oldest first; page with after=<seq>&limit=");
        partners.MapPost("/{id:int}/dead-letters/retry", DeadLetters.RetryAsync).WithName("RetryDeadLetters")
            .WithSummary("Queues dead letters again: the listed seqs, or all of the partner's when none are listed");
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<PartnerView>>> ListAsync(
        LiaisonDbContext db, TimeProvider time, IOptions<ExchangeOptions> options, CancellationToken cancellationToken) =>
        TypedResults.Ok(await PartnerOverview.ListAsync(db, time.GetUtcNow().UtcDateTime, options.Value.PullInterval, cancellationToken));

    private static async Task<Results<Ok<PartnerView>, ProblemHttpResult>> GetAsync(
        int id, LiaisonDbContext db, TimeProvider time, IOptions<ExchangeOptions> options, CancellationToken cancellationToken) =>
        await PartnerOverview.GetAsync(db, id, time.GetUtcNow().UtcDateTime, options.Value.PullInterval, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : PartnerProblems.NotFound(id);
}
