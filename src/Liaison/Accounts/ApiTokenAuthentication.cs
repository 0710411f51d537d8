using System.Security.Claims;
using System.Text.Encodings.Web;
using Liaison.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liaison.Accounts;

/// <summary>
/// <c>Authorization: Bearer lia_…</c>. The token stands for its owner with the owner's current roles;
/// a revoked or expired token, or a disabled owner, authenticates nobody.
/// </summary>
public sealed class ApiTokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    LiaisonDbContext db,
    SignInManager<LiaisonUser> signIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        if (!ApiToken.TryParse(header["Bearer ".Length..].Trim(), out var id, out var secret))
        {
            return AuthenticateResult.Fail("malformed API token");
        }

        var now = TimeProvider.GetUtcNow().UtcDateTime;
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, Context.RequestAborted);
        if (token is null || !token.Matches(secret) || !token.IsActive(now))
        {
            return AuthenticateResult.Fail("unknown, revoked or expired API token");
        }

        var user = await signIn.UserManager.FindByIdAsync(token.UserId);
        if (user is null || user.IsDisabled)
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
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
