using System.CommandLine;
using Liaison.Accounts;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Liaison.Cli;

/// <summary>Where a verb writes, and the clock it uses. Tests pass their own.</summary>
public sealed record CliContext(TextWriter Output, TextWriter Error, TimeProvider Time);

/// <summary>The <c>liaison</c> command line: one binary for the node and its admin verbs.</summary>
public static class LiaisonCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var context = new CliContext(output, error, time);
        var root = new RootCommand("Liaison: signed, auditable coordination between the security forces of neighbouring states.")
        {
            InitCommand.Create(context),
            ServeCommand.Create(context),
            UsersCommand.Create(context),
            KeysCommand.Create(context),
            PairCommand.Create(context), PairCommand.CreateList(context),
            AuditCommand.Create(context),
            AlertsCommand.Create(context),
            BackupCommand.Create(context),
            DemoCommand.Create(context),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var verb = parsed.CommandResult.Command == root ? "" : $" {string.Join(' ', CommandPath(parsed.CommandResult.Command, root))}";
            await error.WriteLineAsync($"liaison: {string.Join("; ", parsed.Errors.Select(e => e.Message.TrimEnd('.')))} (see 'liaison{verb} --help')");
            return 2;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (Exception ex) when (ex is CliException or AccountException)
        {
            await error.WriteLineAsync($"liaison: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is SqliteException or NpgsqlException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await error.WriteLineAsync($"liaison: {ex.GetType().Name}: {ex.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    private static Stack<string> CommandPath(Command command, RootCommand root)
    {
        var names = new Stack<string>();
        for (var c = command; c is not null && c != root; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Push(c.Name);
        }

        return names;
    }
}
