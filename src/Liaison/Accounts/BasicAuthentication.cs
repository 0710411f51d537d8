using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Liaison.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liaison.Accounts;

/// <summary>
/// <c>Authorization: Basic base64(user-name:lia_…)</c> (RFC 7617), for third-party TAXII clients — MISP, OpenCTI,
/// the OASIS client — since TAXII 2.1 §1.6.9 makes HTTP Basic mandatory to implement. The password is one of the
/// account's API tokens, never the account password: a password alone would get past the second factor the account
/// signs in with, whereas a token can only be created after that second factor. The token stands for its owner
/// with the owner's current roles, exactly as <see cref="ApiTokenAuthentication"/> does.
/// </summary>
public sealed class BasicAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    LiaisonDbContext db,
    SignInManager<LiaisonUser> signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    public const string Prefix = "Basic ";

    /// <summary>The challenge, with the charset RFC 7617 §2.1 lets a server ask for.</summary>
    public const string Challenge = "Basic realm=\"Liaison\", charset=\"UTF-8\"";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!TryDecode(header[Prefix.Length..].Trim(), out var userName, out var password))
        {
            return AuthenticateResult.Fail("malformed Basic credentials");
        }

        // Only an API token is accepted as the password; the account password is refused without being checked.
        if (!ApiToken.TryParse(password, out var id, out var secret))
        {
            return AuthenticateResult.Fail("HTTP Basic takes an API token (lia_…) as the password, not the account password");
        }

        var now = TimeProvider.GetUtcNow().UtcDateTime;
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, Context.RequestAborted);
        if (token is null || !token.Matches(secret) || !token.IsActive(now))
        {
            return AuthenticateResult.Fail("unknown, revoked or expired API token");
        }

        var user = await signIn.UserManager.FindByIdAsync(token.UserId);
        if (user is null || !string.Equals(signIn.UserManager.NormalizeName(userName), user.NormalizedUserName, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("the token does not belong to that user name");
        }

        if (user.IsDisabled)
        {
            return AuthenticateResult.Fail("the token's account is disabled");
        }

        token.MarkUsed(now);
        await db.SaveChangesAsync(Context.RequestAborted);

        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(LiaisonClaims.TokenId, token.Id));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Challenge;
        return Task.CompletedTask;
    }

    /// <summary>RFC 7617 §2: user-id ":" password, base64 of UTF-8; the user-id cannot contain a colon.</summary>
    internal static bool TryDecode(string encoded, out string userName, out string password)
    {
        userName = password = "";
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(encoded);
        }
        catch (FormatException)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        userName = text[..colon];
        password = text[(colon + 1)..];
        return true;
    }
}
