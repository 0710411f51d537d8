using Liaison.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Liaison.Accounts;

/// <summary>
/// Turns on TOTP two-factor sign-in: the node issues a fresh shared key, the person adds it to an
/// authenticator app and proves it with a first code. Required for administrators.
/// </summary>
public static class EnrolTwoFactor
{
    public const string Issuer = "Liaison";

    public sealed record Started(string SharedKey, string OtpauthUri);

    public sealed record ConfirmRequest(string? Code);

    public static async Task<Started?> StartAsync(UserManager<LiaisonUser> users, LiaisonUser user)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        if (user.TwoFactorEnabled)
        {
            return null;
        }

        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        return new Started(key, TotpAuthenticator.EnrolmentUri(Issuer, user.UserName!, key));
    }

    public static async Task<bool> ConfirmAsync(SignInManager<LiaisonUser> signIn, TotpAuthenticator totp, LiaisonUser user, string code, bool refreshCookie)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(totp);
        ArgumentNullException.ThrowIfNull(user);
        var key = await signIn.UserManager.GetAuthenticatorKeyAsync(user);
        if (user.TwoFactorEnabled || key is null || !totp.TryVerify(key, code, out var step))
        {
            return false;
        }

        user.LastTotpTimeStep = step;
        await signIn.UserManager.SetTwoFactorEnabledAsync(user, true);
        if (refreshCookie)
        {
            await signIn.RefreshSignInAsync(user);
        }

        return true;
    }

    public static async Task<Results<Ok<Started>, ProblemHttpResult, UnauthorizedHttpResult>> StartEndpointAsync(UserManager<LiaisonUser> users, HttpContext http)
    {
        var user = await users.GetUserAsync(http.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var started = await StartAsync(users, user);
        return started is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Two-factor sign-in is already on", detail: "An administrator can reset it with 'liaison users reset-password'.")
            : TypedResults.Ok(started);
    }

    public static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> ConfirmEndpointAsync(
        ConfirmRequest request, SignInManager<LiaisonUser> signIn, TotpAuthenticator totp, HttpContext http)
    {
        var validation = new Validation().Require("code", request.Code, 16);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var user = await signIn.UserManager.GetUserAsync(http.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        return await ConfirmAsync(signIn, totp, user, request.Code!, !http.User.HasClaim(c => c.Type == LiaisonClaims.TokenId))
            ? TypedResults.NoContent()
            : validation.Add("code", "is not the current code for the key being enrolled").Problem("Two-factor sign-in was not turned on");
    }
}
