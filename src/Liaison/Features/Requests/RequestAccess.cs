using System.Security.Claims;
using Liaison.Features.Alerts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Requests;

/// <summary>
/// Who may do what with a request, as for alerts: the roles that raise alerts send and withdraw requests; the desk
/// roles acknowledge, answer and decline. Each side acts only on its own part (DESIGN §3): the requester never
/// answers its own request, the addressee never withdraws the partner's.
/// </summary>
public static class RequestAccess
{
    public static readonly string[] Senders = AlertAccess.Raisers;
    public static readonly string[] Responders = AlertAccess.Acknowledgers;

    public static ProblemHttpResult? Role(ClaimsPrincipal user, string[] roles) => AlertAccess.Role(user, roles);

    public static ProblemHttpResult Conflict(string title, string detail) => AlertAccess.Conflict(title, detail);

    public static ProblemHttpResult NotOpen(PartyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Conflict("The request is no longer open", $"This request is {request.State}; it takes no further response or withdrawal.");
    }

    public static ProblemHttpResult? RefuseUnlessReceived(PartyRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.IsReceived
            ? null
            : Conflict("Answered by the addressee", $"This is this party's own request to {request.AddresseeParty.Name}: it acknowledges, answers or declines it on its own node, and its responses appear here.");
    }

    public static string NameOf(ClaimsPrincipal user) => AlertAccess.NameOf(user);
}
