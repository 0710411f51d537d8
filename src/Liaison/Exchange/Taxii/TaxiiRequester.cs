using System.Security.Claims;
using Liaison.Accounts;
using Liaison.Exchange.Signatures;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Exchange.Taxii;

/// <summary>
/// Who is asking, and so which collection they see (DESIGN §3 releasability): a trusted partner node sees what was
/// released to it and may add objects; a local account sees everything this node holds, read-only. TLP:RED is in
/// neither (see <see cref="TaxiiView"/>).
/// </summary>
/// <param name="View">The rows this requester may see.</param>
/// <param name="Partner">The partner node (tracked, with its party) when the request was signed by one.</param>
/// <param name="Key">Who asked, as <see cref="TaxiiStatusRecord.Requester"/> records it.</param>
public sealed record TaxiiRequester(TaxiiView View, Partner? Partner, string Key)
{
    /// <summary>Roles whose accounts may read the collection; an Auditor reads too, nobody local writes.</summary>
    public static readonly IReadOnlyList<string> ReaderRoles = [Roles.LiaisonOfficer, Roles.Analyst, Roles.Commander, Roles.Auditor];

    private const string ItemKey = "liaison.taxii.requester";

    /// <summary>TAXII 2.1 §5.2.1 <c>can_write</c>: only partner nodes add objects, and only their own (see <see cref="Ingest"/>).</summary>
    public bool CanWrite => Partner is not null;

    public static TaxiiRequester Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Items[ItemKey] as TaxiiRequester ?? throw new InvalidOperationException("the TAXII gate did not run");
    }

    /// <summary>
    /// Decides the requester from the principal authentication left on the request: a partner signature (checked by the
    /// signature middleware), or a session, <c>Bearer lia_…</c> token or HTTP Basic with a token. At most one query.
    /// </summary>
    /// <returns>The requester, or the 401/403 TAXII error to answer with.</returns>
    public static async Task<(TaxiiRequester? Requester, TaxiiResult? Refusal)> IdentifyAsync(HttpContext http, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(db);
        var user = http.User;
        if (PartnerClaims.PartnerOf(user) is { } partnerId)
        {
            var partner = await db.Partners.Include(p => p.Party).SingleOrDefaultAsync(p => p.Id == partnerId, cancellationToken);
            if (partner is null || partner.State != PartnerState.Trusted)
            {
                return (null, TaxiiResult.Error(StatusCodes.Status403Forbidden, "Partner not trusted",
                    "This node does not exchange with your node now: pairing is not complete, or an administrator suspended the link."));
            }

            return (Remember(http, new TaxiiRequester(TaxiiView.ForPartner(partner.Id), partner, $"partner:{partner.Party.StixId}")), null);
        }

        if (user.Identity?.IsAuthenticated != true)
        {
            // TAXII 2.1 §1.6.9: HTTP Basic is the mandatory scheme; Liaison takes an API token as its password.
            return (null, TaxiiResult.Error(StatusCodes.Status401Unauthorized, "Authentication required",
                    "Sign the request as a paired node, or use HTTP Basic with your user name and an API token (lia_…) as the password, or Authorization: Bearer with the token.")
                .WithHeader("WWW-Authenticate", BasicAuthentication.Challenge)
                .WithHeader("WWW-Authenticate", "Bearer"));
        }

        if (user.HasClaim(c => c.Type == LiaisonClaims.Pending))
        {
            return (null, TaxiiResult.Error(StatusCodes.Status403Forbidden, "Account not ready",
                "Sign in to the desk first: the account must change its password or enrol a second factor."));
        }

        if (!ReaderRoles.Any(user.IsInRole))
        {
            return (null, TaxiiResult.Error(StatusCodes.Status403Forbidden, "No access to the collection",
                "Only liaison officers, analysts, commanders and auditors read the shared collection."));
        }

        return (Remember(http, new TaxiiRequester(TaxiiView.Local, null, $"user:{Name(user)}")), null);
    }

    private static string Name(ClaimsPrincipal user) => user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";

    private static TaxiiRequester Remember(HttpContext http, TaxiiRequester requester)
    {
        http.Items[ItemKey] = requester;
        return requester;
    }
}
