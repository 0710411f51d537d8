using System.Security.Claims;
using Liaison.Accounts;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Http;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Incidents;

/// <summary>
/// Draft, edit, publish, revise and retract. Roles: liaison officers, analysts and commanders draft;
/// analysts and commanders publish, revise and retract. Records from a partner party are read-only here:
/// only the originating party issues versions of its records (DESIGN §3, STIX 2.1 §3.6).
/// </summary>
public static class IncidentWrites
{
    public static readonly string[] Drafters = [Roles.LiaisonOfficer, Roles.Analyst, Roles.Commander];
    public static readonly string[] Publishers = [Roles.Analyst, Roles.Commander];

    public sealed record RetractRequest(string? Reason);

    public static async Task<Results<Created<IncidentView>, ValidationProblem>> CreateAsync(
        IncidentInput input, LiaisonDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var validation = new Validation();
        var content = await IncidentValidation.ValidateAsync(input, db, now, validation, cancellationToken);
        if (content is null)
        {
            return validation.Problem();
        }

        var report = IncidentReport.Draft(await db.Parties.SelfAsync(cancellationToken), content, user.Identity!.Name!, now);
        db.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/incidents/{report.StixId}", IncidentView.Of(report, readOnly: false));
    }

    /// <summary>A draft is edited in place; a published record gets a new version; a retracted one is final.</summary>
    public static async Task<Results<Ok<IncidentView>, NotFound, ValidationProblem, ProblemHttpResult>> EditAsync(
        string id, IncidentInput input, LiaisonDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var report = await FindAsync(db, id, cancellationToken);
        if (report is null)
        {
            return TypedResults.NotFound();
        }

        if (Refusal(report, user, report.Status == IncidentStatus.Draft ? Drafters : Publishers) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var validation = new Validation().When(report.Status == IncidentStatus.Retracted, "status", "a retracted record cannot be revised");
        var content = await IncidentValidation.ValidateAsync(input, db, now, validation, cancellationToken);
        if (content is null || !validation.IsValid)
        {
            return validation.Problem();
        }

        if (report.Status == IncidentStatus.Draft)
        {
            report.EditDraft(content, now);
            await db.SaveChangesAsync(cancellationToken);
        }
        else
        {
            report.Revise(content, user.Identity!.Name!, now);
            if (await SaveVersionAsync(db, time, report, cancellationToken) is { } conflict)
            {
                return conflict;
            }
        }

        return TypedResults.Ok(IncidentView.Of(report, readOnly: false));
    }

    public static async Task<Results<Ok<IncidentView>, NotFound, ValidationProblem, ProblemHttpResult>> PublishAsync(
        string id, LiaisonDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var report = await FindAsync(db, id, cancellationToken);
        if (report is null)
        {
            return TypedResults.NotFound();
        }

        if (Refusal(report, user, Publishers) is { } refused)
        {
            return refused;
        }

        if (report.Status != IncidentStatus.Draft)
        {
            return new Validation().Add("status", $"only a draft can be published; this record is {IncidentValidation.WireName(report.Status)}").Problem();
        }

        report.Publish(user.Identity!.Name!, time.GetUtcNow().UtcDateTime);
        if (await SaveVersionAsync(db, time, report, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Ok(IncidentView.Of(report, readOnly: false));
    }

    public static async Task<Results<Ok<IncidentView>, NotFound, ValidationProblem, ProblemHttpResult>> RetractAsync(
        string id, RetractRequest request, LiaisonDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var report = await FindAsync(db, id, cancellationToken);
        if (report is null)
        {
            return TypedResults.NotFound();
        }

        if (Refusal(report, user, Publishers) is { } refused)
        {
            return refused;
        }

        var validation = new Validation().Require("reason", request?.Reason, 2000)
            .When(report.Status != IncidentStatus.Published, "status", $"only a published record can be retracted; this record is {IncidentValidation.WireName(report.Status)}");
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        report.Retract(request!.Reason!.Trim(), user.Identity!.Name!, time.GetUtcNow().UtcDateTime);
        if (await SaveVersionAsync(db, time, report, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        return TypedResults.Ok(IncidentView.Of(report, readOnly: false));
    }

    /// <summary>
    /// Saves a new version and shares it; when another change to the same record committed first (both took the same
    /// next version number), nothing is saved and the answer is 409 (RFC 9110 §15.5.10), never a 500.
    /// </summary>
    private static async Task<ProblemHttpResult?> SaveVersionAsync(LiaisonDbContext db, TimeProvider time, IncidentReport report, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveAndShareAsync(time, ct => IncidentSharing.OutgoingAsync(db, report, ct), cancellationToken);
            return null;
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Changed at the same time",
                detail: $"Another change to {report.StixId} was saved first; nothing of this one was saved. Reload the record and make the change again.");
        }
    }

    public static Task<IncidentReport?> FindAsync(LiaisonDbContext db, string id, CancellationToken cancellationToken) =>
        db.Set<IncidentReport>().Include(i => i.OriginParty).SingleOrDefaultAsync(i => i.StixId == id, cancellationToken);

    private static ProblemHttpResult? Refusal(IncidentReport report, ClaimsPrincipal user, string[] roles)
    {
        if (!report.OriginParty.IsSelf)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Read-only record",
                detail: $"This record belongs to {report.OriginParty.Name}; only its originating party issues versions of it. Answer it with a note or a request instead.");
        }

        return roles.Any(user.IsInRole)
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                detail: $"This step needs one of the roles: {string.Join(", ", roles)}.");
    }
}
