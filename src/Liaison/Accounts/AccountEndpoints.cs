using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Liaison.Accounts;

public static class AccountEndpoints
{
    public sealed record Me(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, bool TwoFactorEnabled, IReadOnlyList<string> Pending, string Via);

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/account").WithTags("Account");

        group.MapPost("/sign-in", SignInEndpoint.PasswordAsync).AllowAnonymous()
            .WithName("SignIn").WithSummary("Password step of signing in (sets the session cookie)");
        group.MapPost("/sign-in/two-factor", SignInEndpoint.SecondFactorAsync).AllowAnonymous()
            .WithName("SignInTwoFactor").WithSummary("Second step: the 6-digit code from the authenticator app");
        group.MapPost("/sign-out", SignOutAsync).RequireAuthorization(Policies.Setup)
            .WithName("SignOut").WithSummary("Ends the session");
        group.MapGet("/me", MeAsync).RequireAuthorization(Policies.Setup)
            .WithName("Me").WithSummary("Who is signed in, and what the account must still do");
        group.MapPost("/password", ChangePassword.EndpointAsync).RequireAuthorization(Policies.Setup)
            .WithName("ChangePassword").WithSummary("Changes the password (required after a one-time password)");
        group.MapPost("/two-factor/enrolment", EnrolTwoFactor.StartEndpointAsync).RequireAuthorization(Policies.Setup)
            .WithName("StartTwoFactorEnrolment").WithSummary("Issues a new authenticator key");
        group.MapPost("/two-factor/enrolment/confirm", EnrolTwoFactor.ConfirmEndpointAsync).RequireAuthorization(Policies.Setup)
            .WithName("ConfirmTwoFactorEnrolment").WithSummary("Turns two-factor sign-in on with a first code");
        group.MapPreferences();

        var tokens = group.MapGroup("/tokens").RequireAuthorization(Policies.Ready);
        tokens.MapPost("/", ApiTokens.CreateAsync).WithName("CreateApiToken").WithSummary("Creates a personal API token, shown once");
        tokens.MapGet("/", ApiTokens.ListAsync).WithName("ListApiTokens").WithSummary("Lists the caller's API tokens");
        tokens.MapDelete("/{id}", ApiTokens.RevokeAsync).WithName("RevokeApiToken").WithSummary("Revokes an API token");
        return routes;
    }

    private static async Task<Results<Ok<Me>, UnauthorizedHttpResult>> MeAsync(UserManager<LiaisonUser> users, HttpContext http)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var via = http.User.HasClaim(c => c.Type == LiaisonClaims.TokenId) ? "token" : "session";
        return TypedResults.Ok(new Me(
            user.Id,
            user.UserName!,
            user.DisplayName,
            [.. await users.GetRolesAsync(user)],
            user.TwoFactorEnabled,
            [.. http.User.FindAll(LiaisonClaims.Pending).Select(c => c.Value)],
            via));
    }

    private static async Task<NoContent> SignOutAsync(SignInManager<LiaisonUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    public static string ActorOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
        {
            return "anonymous";
        }

        var name = user.Identity.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier);
        var token = user.FindFirstValue(LiaisonClaims.TokenId);
        return token is null ? $"user:{name}" : $"user:{name} via token:{token}";
    }
}
