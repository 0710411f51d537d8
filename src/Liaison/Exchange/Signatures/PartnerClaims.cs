using System.Globalization;
using System.Security.Claims;

namespace Liaison.Exchange.Signatures;

/// <summary>
/// The principal a correctly signed partner request runs as (authentication scheme <see cref="Scheme"/>):
/// the <see cref="Partner"/> row whose pinned key verified the RFC 9421 signature.
/// </summary>
public static class PartnerClaims
{
    public const string Scheme = "liaison-signature";

    public const string PartnerId = "liaison:partner";

    public const string PartyIdentity = "liaison:party";

    public static ClaimsPrincipal Create(Partner partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, $"partner:{partner.Party.StixId}"),
                new Claim(PartnerId, partner.Id.ToString(CultureInfo.InvariantCulture)),
                new Claim(PartyIdentity, partner.Party.StixId),
            ],
            Scheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The partner a request was signed by, or null when it came from a local account (or nobody).</summary>
    public static int? PartnerOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(PartnerId)?.Value is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;
    }
}
