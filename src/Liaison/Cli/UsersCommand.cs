using System.CommandLine;
using System.Globalization;
using Liaison.Accounts;
using Liaison.Node;

namespace Liaison.Cli;

internal static class UsersCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("users", "Manage the people who can sign in to this node");
        command.Subcommands.Add(Add(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Disable(context));
        command.Subcommands.Add(ResetPassword(context));
        return command;
    }

    private static Command Add(CliContext context)
    {
        var common = new CommonOptions();
        var user = UserOption();
        var role = new Option<string[]>("--role") { Description = $"One or more of: {string.Join(", ", Roles.All)}", Required = true, AllowMultipleArgumentsPerToken = true };
        var display = new Option<string?>("--display-name") { Description = "Name shown on the desk, e.g. \"Maj. A. Karimi\"" };
        var command = new Command("add", "Add a user; prints a one-time password") { user, role, display };
        common.AddTo(command);
        command.SetAction(async (parsed, _) =>
        {
            var roles = parsed.GetRequiredValue(role).SelectMany(r => r.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var unknown = roles.Where(r => Roles.Normalize(r) is null).ToList();
            if (unknown.Count > 0)
            {
                throw new CliException($"unknown role '{unknown[0]}' (expected {string.Join(", ", Roles.All)})");
            }

            var name = ValidUserName(parsed.GetRequiredValue(user));
            return await WithAdministrationAsync(common, parsed, context, async admin =>
            {
                var password = await admin.AddAsync(name, parsed.GetValue(display) ?? name, [.. roles.Select(r => Roles.Normalize(r)!).Distinct()], "cli");
                return $"Added {name}; one-time password {password} (shown once; change it at first sign-in)";
            });
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var common = new CommonOptions();
        var command = new Command("list", "List users, their roles and state");
        common.AddTo(command);
        command.SetAction((parsed, _) => WithAdministrationAsync(common, parsed, context, async admin =>
        {
            var table = new System.Text.StringBuilder();
            table.Append(CultureInfo.InvariantCulture, $"{"USER",-24} {"ROLES",-32} {"2FA",-4} STATE");
            foreach (var u in await admin.ListAsync())
            {
                var state = u.Disabled ? "disabled" : u.LockedUntil is { } until ? $"locked until {until:u}" : u.MustChangePassword ? "must change password" : "active";
                table.Append(CultureInfo.InvariantCulture, $"\n{u.UserName,-24} {string.Join(',', u.Roles),-32} {(u.TwoFactorEnabled ? "on" : "off"),-4} {state}");
            }

            return table.ToString();
        }));
        return command;
    }

    private static Command Disable(CliContext context)
    {
        var common = new CommonOptions();
        var user = UserOption();
        var command = new Command("disable", "Disable a user: no sign-in, API tokens stop working, open sessions end") { user };
        common.AddTo(command);
        command.SetAction((parsed, _) => WithAdministrationAsync(common, parsed, context, async admin =>
        {
            await admin.DisableAsync(parsed.GetRequiredValue(user), "cli");
            return $"Disabled {parsed.GetRequiredValue(user)}";
        }));
        return command;
    }

    private static Command ResetPassword(CliContext context)
    {
        var common = new CommonOptions();
        var user = UserOption();
        var command = new Command("reset-password", "Give a user a new one-time password; clears lockout and two-factor (re-enrol at sign-in)") { user };
        common.AddTo(command);
        command.SetAction((parsed, _) => WithAdministrationAsync(common, parsed, context, async admin =>
        {
            var password = await admin.ResetPasswordAsync(parsed.GetRequiredValue(user), "cli");
            return $"New one-time password for {parsed.GetRequiredValue(user)}: {password} (shown once)";
        }));
        return command;
    }

    private static Option<string> UserOption() => new("--user") { Description = "User name", Required = true };

    private static string ValidUserName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? name
            : throw new CliException("--user must be 1 to 64 letters, digits, '.', '-' or '_'");

    /// <summary>Opens the node's services, runs one administration step and prints what it reports.</summary>
    private static async Task<int> WithAdministrationAsync(CommonOptions common, ParseResult parsed, CliContext context, Func<UserAdministration, Task<string>> step)
    {
        var (folder, database) = common.Resolve(parsed);
        await using var services = CliServices.Open(folder, database, context.Time);
        using var scope = services.CreateScope();
        await context.Output.WriteLineAsync(await step(scope.ServiceProvider.GetRequiredService<UserAdministration>()));
        return 0;
    }
}
