using System.Text.Json.Nodes;
using Liaison.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Accounts;

/// <summary>Account changes an administrator makes (from the CLI today, the desk later). Each is audited.</summary>
public sealed class UserAdministration(UserManager<LiaisonUser> users, RoleManager<IdentityRole> roles, AuditLog audit, TimeProvider time)
{
    public sealed record UserSummary(string UserName, string DisplayName, IReadOnlyList<string> Roles, bool TwoFactorEnabled, bool Disabled, bool MustChangePassword, DateTimeOffset? LockedUntil);

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)));
            }
        }
    }

    /// <summary>Creates an account with a one-time password, which is returned and never stored in clear.</summary>
    public async Task<string> AddAsync(string userName, string displayName, IReadOnlyCollection<string> userRoles, string actor)
    {
        var password = OneTimePassword.New();
        var user = new LiaisonUser
        {
            UserName = userName,
            DisplayName = displayName,
            MustChangePassword = true,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRolesAsync(user, userRoles));
        await audit.AppendAsync(new AuditRecord(actor, "user.add", "success", $"user:{userName}", new JsonObject { ["roles"] = string.Join(',', userRoles) }));
        return password;
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync()
    {
        var list = new List<UserSummary>();
        foreach (var user in await users.Users.OrderBy(u => u.UserName).ToListAsync())
        {
            var locked = user.LockoutEnd > time.GetUtcNow() ? user.LockoutEnd : null;
            list.Add(new UserSummary(user.UserName!, user.DisplayName, [.. (await users.GetRolesAsync(user)).Order(StringComparer.Ordinal)], user.TwoFactorEnabled, user.IsDisabled, user.MustChangePassword, locked));
        }

        return list;
    }

    /// <summary>Disabling also rotates the security stamp, which ends the person's open sessions.</summary>
    public async Task DisableAsync(string userName, string actor)
    {
        var user = await FindAsync(userName);
        user.IsDisabled = true;
        Check(await users.UpdateAsync(user));
        Check(await users.UpdateSecurityStampAsync(user));
        await audit.AppendAsync(new AuditRecord(actor, "user.disable", "success", $"user:{userName}"));
    }

    /// <summary>
    /// A new one-time password, lockout cleared, and two-factor turned off so someone who lost their phone can
    /// enrol again — which administrators must do before they can use the node.
    /// </summary>
    public async Task<string> ResetPasswordAsync(string userName, string actor)
    {
        var user = await FindAsync(userName);
        var password = OneTimePassword.New();
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        user.MustChangePassword = true;
        user.IsDisabled = false;
        user.LastTotpTimeStep = 0;
        Check(await users.UpdateAsync(user));
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        Check(await users.SetTwoFactorEnabledAsync(user, false));
        Check(await users.ResetAuthenticatorKeyAsync(user));
        await audit.AppendAsync(new AuditRecord(actor, "user.reset-password", "success", $"user:{userName}"));
        return password;
    }

    private async Task<LiaisonUser> FindAsync(string userName) =>
        await users.FindByNameAsync(userName) ?? throw new AccountException($"no user named '{userName}'");

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new AccountException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}

public sealed class AccountException(string message) : Exception(message);
