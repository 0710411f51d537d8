using System.Text.Encodings.Web;
using Liaison.Protocol.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Liaison.Exchange.Signatures;

/// <summary>
/// Authentication scheme <see cref="PartnerClaims.Scheme"/>: a request that <see cref="SignatureMiddleware"/> verified
/// runs as its partner (<see cref="PartnerClaims.Create"/>). The verification itself happens in the middleware, before
/// authentication, because it must read the body first and must stop a bad request before anything else runs.
/// </summary>
public sealed class SignatureAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>
    /// The <c>WWW-Authenticate</c> value for a refused or missing signature. RFC 9421 registers no authentication
    /// scheme; "Signature" names the mechanism and <c>error</c> the check that failed.
    /// </summary>
    public static string Challenge(string? error = null) =>
        error is null ? "Signature realm=\"liaison\"" : $"Signature realm=\"liaison\", error=\"{error}\"";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Context.Features.Get<VerifiedPartnerRequest>() is { } verified)
        {
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(PartnerClaims.Create(verified.Partner), Scheme.Name)));
        }

        // A signed request that reached here unverified means UseLiaisonSignatures() is missing: fail closed.
        return Task.FromResult(Request.Headers.ContainsKey(HttpMessageSignatures.SignatureInputField)
            ? AuthenticateResult.Fail("the request signature was not verified")
            : AuthenticateResult.NoResult());
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = Challenge();
        await SignatureMiddleware.WriteProblemAsync(Context, StatusCodes.Status401Unauthorized, "unsigned", "This resource needs a request signed by a paired partner node (RFC 9421).");
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await TypedResults.Problem(
            title: "Not allowed for a partner node",
            detail: "The signature is valid, but a partner node may not use this resource.",
            statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(Context);
    }
}
