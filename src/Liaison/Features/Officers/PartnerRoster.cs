using Liaison.Features.Parties;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Officers;

/// <summary>
/// The partner's officers and shifts are a projection of the roster the partner released; only the partner issues
/// versions of its records (created_by_ref rule, DESIGN §1), so this node refuses to edit them.
/// </summary>
public static class PartnerRoster
{
    /// <summary>The problem type every refused edit of a partner roster record carries (RFC 9457 §3.1.1).</summary>
    public const string ReadOnlyType = "https://liaison.example/problems/partner-roster-read-only";

    /// <summary>409: <paramref name="what"/> belongs to <paramref name="party"/>'s roster and is read-only here.</summary>
    public static ProblemHttpResult ReadOnly(string what, Party party)
    {
        ArgumentNullException.ThrowIfNull(party);
        return TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            type: ReadOnlyType,
            title: "The partner's roster is read-only",
            detail: $"{what} belongs to the roster of {party.Name}; only {party.Name} can change it, and its changes arrive through the exchange.",
            extensions: new Dictionary<string, object?> { ["party"] = party.StixId });
    }
}
