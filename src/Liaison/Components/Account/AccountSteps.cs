using System.Security.Claims;
using Liaison.Accounts;

namespace Liaison.Components.Account;

/// <summary>Where each step of signing in lives, and which one a person must do next.</summary>
public static class AccountSteps
{
    public const string SignIn = "/account/sign-in";
    public const string SecondFactor = "/account/sign-in/two-factor";
    public const string ChangePassword = "/account/change-password";
    public const string EnrolTwoFactor = "/account/two-factor/enrol";
    public const string SignOut = "/account/sign-out";

    /// <summary>The page the account must visit before any other, from the claims set at sign-in.</summary>
    public static string? Pending(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.HasClaim(LiaisonClaims.Pending, "password") ? ChangePassword
            : user.HasClaim(LiaisonClaims.Pending, "two-factor") ? EnrolTwoFactor
            : null;
    }

    public static string? After(SignInState state) => state switch
    {
        SignInState.PasswordChangeRequired => ChangePassword,
        SignInState.TwoFactorEnrolmentRequired => EnrolTwoFactor,
        SignInState.TwoFactorRequired => SecondFactor,
        _ => null,
    };

    /// <summary>Carries the page the person first asked for through every step, if it is on this node.</summary>
    public static string WithReturnUrl(string path, string? returnUrl) =>
        LocalUrl.IsLocal(returnUrl) && returnUrl != "/" ? $"{path}?returnUrl={Uri.EscapeDataString(returnUrl!)}" : path;
}
