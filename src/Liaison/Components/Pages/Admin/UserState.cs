using Liaison.Accounts;
using Microsoft.Extensions.Localization;

namespace Liaison.Components.Pages.Admin;

public static class UserState
{
    /// <summary>The same rule as <c>liaison users add</c>: names travel in audit rows and scripts, so plain ASCII only.</summary>
    public static bool IsValidUserName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    public static string Describe(IStringLocalizer l, UserAdministration.UserSummary user)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(user);
        return user.Disabled ? l["Users.Disabled"]
            : user.LockedUntil is not null ? l["Users.Locked"]
            : user.MustChangePassword ? l["Users.AwaitingFirstSignIn"]
            : l["Users.Active"];
    }
}
