using Liaison.Accounts;
using Liaison.Features.Alerts;
using Liaison.Features.Requests;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Figures;

/// <summary>The desk's figures over [from, to): alert acknowledgement times and what is overdue, and how requests were answered.</summary>
public sealed record DeskFiguresView(DateTime? From, DateTime? To, AlertFiguresView Alerts, RequestFiguresView Requests);

/// <summary>One place for the figures issue 5 item 7 asks of the desk; each feature computes its own part.</summary>
public static class DeskFigures
{
    public static IEndpointRouteBuilder MapFigures(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/figures", GetAsync).WithTags("Figures").RequireAuthorization(Policies.Ready).WithName("DeskFigures")
            .WithSummary("Alert time to acknowledge per precedence and partner (median, 90th percentile), alerts overdue now, and requests answered on time, late, declined and overdue per partner");
        return routes;
    }

    public static async Task<Results<Ok<DeskFiguresView>, ValidationProblem>> GetAsync(string? from, string? to, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        var validation = new Validation();
        var start = UtcInstant.Parse(from, "from", validation, required: false);
        var end = UtcInstant.Parse(to, "to", validation, required: false);
        validation.When(start is not null && end is not null && end <= start, "to", "must be after from");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var now = time.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(new DeskFiguresView(start, end,
            await AlertFigures.QueryAsync(db, now, start, end, cancellationToken),
            await RequestFigures.QueryAsync(db, now, start, end, cancellationToken)));
    }
}
