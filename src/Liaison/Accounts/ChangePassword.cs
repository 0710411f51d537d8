using Liaison.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Liaison.Accounts;

/// <summary>Changes the signed-in person's password; ends the one-time password's pending state.</summary>
public static class ChangePassword
{
    public sealed record Request(string? CurrentPassword, string? NewPassword);

    public static async Task<IdentityResult> HandleAsync(SignInManager<LiaisonUser> signIn, LiaisonUser user, string current, string next, bool refreshCookie)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(user);
        var result = await signIn.UserManager.ChangePasswordAsync(user, current, next);
        if (!result.Succeeded)
        {
            return result;
        }

        user.MustChangePassword = false;
        result = await signIn.UserManager.UpdateAsync(user);
        if (result.Succeeded && refreshCookie)
        {
            await signIn.RefreshSignInAsync(user);
        }

        return result;
    }

    public static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> EndpointAsync(
        Request request, SignInManager<LiaisonUser> signIn, HttpContext http)
    {
        var validation = new Validation().Require("currentPassword", request.CurrentPassword, 256).Require("newPassword", request.NewPassword, 256);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        var user = await signIn.UserManager.GetUserAsync(http.User);
        if (user is null)
        {
            return TypedResults.Unauthorized();
        }

        var result = await HandleAsync(signIn, user, request.CurrentPassword!, request.NewPassword!, !http.User.HasClaim(c => c.Type == LiaisonClaims.TokenId));
        if (result.Succeeded)
        {
            return TypedResults.NoContent();
        }

        foreach (var error in result.Errors)
        {
            validation.Add(error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "currentPassword" : "newPassword", error.Description);
        }

        return validation.Problem("The password was not changed");
    }
}
