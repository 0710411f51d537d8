using System.Globalization;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Liaison.Accounts;

/// <summary>
/// TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps — what authenticator apps expect) checked against the
/// injected <see cref="TimeProvider"/>. One step of drift either way is accepted (RFC 6238 §5.2), and a
/// code whose step was already used is refused, so an overheard code cannot be replayed.
/// </summary>
public sealed class TotpAuthenticator(TimeProvider time) : IUserTwoFactorTokenProvider<LiaisonUser>
{
    public const string ProviderName = "LiaisonAuthenticator";

    /// <summary>
    /// Identity only asks for a second factor when some provider "can generate" one; for an authenticator app
    /// that means the user has a key (as Identity's own AuthenticatorTokenProvider answers).
    /// </summary>
    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<LiaisonUser> manager, LiaisonUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        return !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));
    }

    public Task<string> GenerateAsync(string purpose, UserManager<LiaisonUser> manager, LiaisonUser user) =>
        throw new NotSupportedException("Authenticator codes come from the user's app, not from the node.");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<LiaisonUser> manager, LiaisonUser user)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentNullException.ThrowIfNull(user);
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key) || !TryVerify(key, token, out var step) || step <= user.LastTotpTimeStep)
        {
            return false;
        }

        user.LastTotpTimeStep = step;
        return (await manager.UpdateAsync(user)).Succeeded;
    }

    public bool TryVerify(string base32Key, string code, out long timeStep)
    {
        timeStep = 0;
        code = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var totp = new Totp(Base32Encoding.ToBytes(base32Key));
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code, out timeStep, VerificationWindow.RfcSpecifiedNetworkDelay);
    }

    /// <summary>The <c>otpauth://</c> URI an authenticator app scans (Key Uri Format used by common apps).</summary>
    public static string EnrolmentUri(string issuer, string account, string base32Key) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(account)}?secret={base32Key}&issuer={Uri.EscapeDataString(issuer)}&digits=6&period=30");
}
