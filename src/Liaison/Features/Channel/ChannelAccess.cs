using System.Security.Claims;
using Liaison.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Channel;

/// <summary>
/// Who may do what in the channel: the desk roles write and read (a reading sends a receipt, so only people who
/// answer for the desk may cause one); every signed-in role may look at the threads.
/// </summary>
public static class ChannelAccess
{
    public static readonly string[] DeskRoles = [Roles.LiaisonOfficer, Roles.Analyst, Roles.Commander];

    public static ProblemHttpResult? Refuse(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return DeskRoles.Any(user.IsInRole)
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed", detail: $"This step needs one of the roles: {string.Join(", ", DeskRoles)}.");
    }

    public static string NameOf(ClaimsPrincipal user) => user?.Identity?.Name ?? "unknown";

    /// <summary>The author's role as the partner will read it: what the writer gives, else the first desk role held.</summary>
    public static string? RoleOf(ClaimsPrincipal user, string? given) =>
        !string.IsNullOrWhiteSpace(given) ? given.Trim() : DeskRoles.FirstOrDefault(user.IsInRole);
}
