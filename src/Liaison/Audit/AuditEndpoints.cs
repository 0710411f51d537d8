using Liaison.Accounts;
using Liaison.Http;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Audit;

public static class AuditEndpoints
{
    public sealed record Row(long Sequence, DateTime At, string Actor, string Action, string? Target, string Outcome, string Details, string? Address, string Hash);

    public sealed record Page(IReadOnlyList<Row> Rows, long? Next);

    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.AuditReader);
        group.MapGet("/", ListAsync).WithName("ListAudit").WithSummary("Audit rows, newest first; page with ?before=SEQUENCE");
        group.MapGet("/verification", VerifyAsync).WithName("VerifyAudit").WithSummary("Walks the whole chain and reports the first broken row");
        return routes;
    }

    private static async Task<Results<Ok<Page>, ValidationProblem>> ListAsync(LiaisonDbContext db, long? before, int? limit, CancellationToken cancellationToken)
    {
        var size = limit ?? 100;
        var validation = new Validation()
            .When(size is < 1 or > 1000, "limit", "must be between 1 and 1000")
            .When(before is < 1, "before", "must be a positive sequence number");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var query = db.AuditEntries.AsNoTracking();
        if (before is not null)
        {
            query = query.Where(e => e.Sequence < before);
        }

        var rows = await query.OrderByDescending(e => e.Sequence).Take(size)
            .Select(e => new Row(e.Sequence, e.At, e.Actor, e.Action, e.Target, e.Outcome, e.Details, e.Address, Convert.ToHexStringLower(e.Hash)))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Page(rows, rows.Count == size ? rows[^1].Sequence : null));
    }

    private static async Task<Ok<AuditVerification>> VerifyAsync(LiaisonDbContext db, NodeKey key, CancellationToken cancellationToken) =>
        TypedResults.Ok(await AuditVerifier.VerifyAsync(db, key.PublicKey, cancellationToken));
}
