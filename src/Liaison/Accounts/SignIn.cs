using System.Text.Json.Nodes;
using Liaison.Audit;
using Liaison.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace Liaison.Accounts;

/// <summary>What the person must do next after a sign-in step.</summary>
public enum SignInState
{
    SignedIn,
    PasswordChangeRequired,
    TwoFactorEnrolmentRequired,
    TwoFactorRequired,
    Failed,
    LockedOut,
}

/// <summary>
/// Password and second-factor steps of signing in, shared by the sign-in page and the API. Every attempt,
/// good or bad, is appended to the audit chain. Failures do not say whether the user name exists.
/// </summary>
public sealed class SignInHandler(SignInManager<LiaisonUser> signIn, AuditLog audit)
{
    public async Task<SignInState> PasswordAsync(string userName, string password, string? address)
    {
        var user = await signIn.UserManager.FindByNameAsync(userName.Trim());
        if (user is null)
        {
            await audit.AppendAsync(new AuditRecord("anonymous", "account.sign-in", "failure", Details: new JsonObject { ["userName"] = userName }, Address: address));
            return SignInState.Failed;
        }

        var result = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        var state = result switch
        {
            { Succeeded: true } => await NextStepAsync(user),
            { RequiresTwoFactor: true } => SignInState.TwoFactorRequired,
            { IsLockedOut: true } => SignInState.LockedOut,
            _ => SignInState.Failed,
        };
        await audit.AppendAsync(new AuditRecord($"user:{user.UserName}", "account.sign-in", Outcome(state), Address: address));
        return state;
    }

    public async Task<SignInState> SecondFactorAsync(string code, string? address)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            await audit.AppendAsync(new AuditRecord("anonymous", "account.sign-in.two-factor", "failure", Details: new JsonObject { ["reason"] = "no password step" }, Address: address));
            return SignInState.Failed;
        }

        var state = SignInState.LockedOut;
        if (!await signIn.UserManager.IsLockedOutAsync(user))
        {
            var result = await signIn.TwoFactorAuthenticatorSignInAsync(code.Replace(" ", "", StringComparison.Ordinal), isPersistent: false, rememberClient: false);
            state = result switch
            {
                { Succeeded: true } => await NextStepAsync(user),
                // The attempt that reaches the limit locks the account; say so now rather than on the next try.
                _ when result.IsLockedOut || await signIn.UserManager.IsLockedOutAsync(user) => SignInState.LockedOut,
                _ => SignInState.Failed,
            };
        }

        await audit.AppendAsync(new AuditRecord($"user:{user.UserName}", "account.sign-in.two-factor", Outcome(state), Address: address));
        return state;
    }

    private async Task<SignInState> NextStepAsync(LiaisonUser user)
    {
        var pending = await LiaisonClaimsFactory.PendingStepsAsync(signIn.UserManager, user);
        return pending.Contains("password") ? SignInState.PasswordChangeRequired
            : pending.Contains("two-factor") ? SignInState.TwoFactorEnrolmentRequired
            : SignInState.SignedIn;
    }

    private static string Outcome(SignInState state) => state switch
    {
        SignInState.Failed => "failure",
        SignInState.LockedOut => "locked-out",
        SignInState.TwoFactorRequired => "password-ok-two-factor-required",
        _ => "success",
    };
}

public static class SignInEndpoint
{
    public sealed record Request(string? UserName, string? Password);

    public sealed record SecondFactorRequest(string? Code);

    /// <summary><c>state</c>: signed-in, password-change-required, two-factor-enrolment-required, two-factor-required.</summary>
    public sealed record Response(string State);

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> PasswordAsync(
        Request request, SignInHandler handler, HttpContext http)
    {
        var validation = new Validation().Require("userName", request.UserName, 256).Require("password", request.Password, 256);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        http.Items[AuditMiddleware.AuditedKey] = true;
        return Answer(await handler.PasswordAsync(request.UserName!, request.Password!, http.Connection.RemoteIpAddress?.ToString()));
    }

    public static async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> SecondFactorAsync(
        SecondFactorRequest request, SignInHandler handler, HttpContext http)
    {
        var validation = new Validation().Require("code", request.Code, 16);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        http.Items[AuditMiddleware.AuditedKey] = true;
        return Answer(await handler.SecondFactorAsync(request.Code!, http.Connection.RemoteIpAddress?.ToString()));
    }

    private static Results<Ok<Response>, ValidationProblem, ProblemHttpResult> Answer(SignInState state) => state switch
    {
        SignInState.Failed => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The user name, password or code is wrong."),
        SignInState.LockedOut => TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Account locked", detail: "Too many failed attempts; try again later or ask an administrator."),
        _ => TypedResults.Ok(new Response(StateName(state))),
    };

    public static string StateName(SignInState state) => state switch
    {
        SignInState.SignedIn => "signed-in",
        SignInState.PasswordChangeRequired => "password-change-required",
        SignInState.TwoFactorEnrolmentRequired => "two-factor-enrolment-required",
        SignInState.TwoFactorRequired => "two-factor-required",
        _ => state.ToString(),
    };
}
