using System.CommandLine;
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
            await using var services = Open(common, parsed, context);
            using var scope = services.CreateScope();
            var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            var password = await admin.AddAsync(name, parsed.GetValue(display) ?? name, [.. roles.Select(r => Roles.Normalize(r)!).Distinct()], "cli");
            await context.Output.WriteLineAsync($"Added {name}; one-time password {password} (shown once; change it at first sign-in)");
            return 0;
        });
        return command;
    }

    private static Command List(CliContext context)
    {
        var common = new CommonOptions();
        var command = new Command("list", "List users, their roles and state");
        common.AddTo(command);
        command.SetAction(async (parsed, _) =>
        {
            await using var services = Open(common, parsed, context);
            using var scope = services.CreateScope();
            var users = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ListAsync();
            await context.Output.WriteLineAsync($"{"USER",-24} {"ROLES",-32} {"2FA",-4} STATE");
            foreach (var u in users)
            {
                var state = u.Disabled ? "disabled" : u.LockedUntil is { } until ? $"locked until {until:u}" : u.MustChangePassword ? "must change password" : "active";
                await context.Output.WriteLineAsync($"{u.UserName,-24} {string.Join(',', u.Roles),-32} {(u.TwoFactorEnabled ? "on" : "off"),-4} {state}");
            }

            return 0;
        });
        return command;
    }

    private static Command Disable(CliContext context)
    {
        var common = new CommonOptions();
        var user = UserOption();
        var command = new Command("disable", "Disable a user: no sign-in, API tokens stop working, open sessions end") { user };
        common.AddTo(command);
        command.SetAction(async (parsed, _) =>
        {
            await using var services = Open(common, parsed, context);
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<UserAdministration>().DisableAsync(parsed.GetRequiredValue(user), "cli");
            await context.Output.WriteLineAsync($"Disabled {parsed.GetRequiredValue(user)}");
            return 0;
        });
        return command;
    }

    private static Command ResetPassword(CliContext context)
    {
        var common = new CommonOptions();
        var user = UserOption();
        var command = new Command("reset-password", "Give a user a new one-time password; clears lockout and two-factor (re-enrol at sign-in)") { user };
        common.AddTo(command);
        command.SetAction(async (parsed, _) =>
        {
            await using var services = Open(common, parsed, context);
            using var scope = services.CreateScope();
            var password = await scope.ServiceProvider.GetRequiredService<UserAdministration>().ResetPasswordAsync(parsed.GetRequiredValue(user), "cli");
            await context.Output.WriteLineAsync($"New one-time password for {parsed.GetRequiredValue(user)}: {password} (shown once)");
            return 0;
        });
        return command;
    }

    private static Option<string> UserOption() => new("--user") { Description = "User name", Required = true };

    private static string ValidUserName(string name) =>
        name.Length is >= 1 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')
            ? name
            : throw new CliException("--user must be 1 to 64 letters, digits, '.', '-' or '_'");

    private static ServiceProvider Open(CommonOptions common, ParseResult parsed, CliContext context)
    {
        var (folder, database) = common.Resolve(parsed);
        return CliServices.Open(folder, database, context.Time);
    }
}
