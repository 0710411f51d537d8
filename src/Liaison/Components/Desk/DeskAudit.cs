using System.Security.Claims;
using System.Text.Json.Nodes;
using Liaison.Accounts;
using Liaison.Audit;

namespace Liaison.Components.Desk;

/// <summary>
/// Desk actions travel over the live circuit rather than as HTTP requests, so <see cref="AuditMiddleware"/> never
/// sees them; each page records its own changes here, named as the API route that does the same thing.
/// </summary>
public static class DeskAudit
{
    public const string Success = "success";
    public const string Invalid = "invalid";
    public const string Refused = "refused";

    public static Task RecordAsync(AuditLog audit, ClaimsPrincipal user, string action, string outcome, string? target = null, JsonObject? details = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(user);
        var withChannel = details ?? new JsonObject();
        withChannel["via"] = "desk";
        return audit.AppendAsync(new AuditRecord(AccountEndpoints.ActorOf(user), action, outcome, target, withChannel), CancellationToken.None);
    }

    /// <summary>The outcome word for a handler's answer.</summary>
    public static string OutcomeOf(IResult result) => result switch
    {
        Microsoft.AspNetCore.Http.HttpResults.ValidationProblem => Invalid,
        Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult or Microsoft.AspNetCore.Http.HttpResults.NotFound => Refused,
        _ => Success,
    };
}
