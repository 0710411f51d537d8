using System.Security.Claims;
using Liaison.Accounts;
using Liaison.Features.Incidents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Alerts;

/// <summary>
/// Who may do what with an alert. The roles that write incidents raise, update, cancel and close alerts; the desk
/// roles acknowledge. A partner's alert is read-only here: only its originating party issues versions of it
/// (DESIGN §3, STIX 2.1 §3.6); this side answers it with an acknowledgement.
/// </summary>
public static class AlertAccess
{
    public static readonly string[] Raisers = IncidentWrites.Drafters;
    public static readonly string[] Acknowledgers = [Roles.LiaisonOfficer, Roles.Analyst, Roles.Commander];

    public static ProblemHttpResult? RefuseUnlessOwn(Alert alert, ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(user);
        if (alert.IsReceived)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Read-only alert",
                detail: $"This alert belongs to {alert.OriginParty.Name}; only its originating party updates, cancels or closes it. Acknowledge it instead.");
        }

        return Role(user, Raisers);
    }

    public static ProblemHttpResult? Role(ClaimsPrincipal user, string[] roles)
    {
        ArgumentNullException.ThrowIfNull(user);
        return roles.Any(user.IsInRole)
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: $"This step needs one of the roles: {string.Join(", ", roles)}.");
    }

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ProblemHttpResult NotActive(Alert alert) =>
        Conflict("The alert is no longer active", $"This alert is {AlertStix.Wire(alert.Status)} (revision {alert.Revision}); a cancelled or closed alert gets no further versions.");

    public static string NameOf(ClaimsPrincipal user) => user?.Identity?.Name ?? "unknown";
}
