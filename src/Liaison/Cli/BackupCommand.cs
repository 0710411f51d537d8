using System.CommandLine;
using Liaison.Storage;
using Microsoft.Data.Sqlite;

namespace Liaison.Cli;

internal static class BackupCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var to = new Option<string>("--to") { Description = "The backup file to write (must not exist)", Required = true };
        var command = new Command("backup", "Write a consistent copy of the node's SQLite database, safe while the node serves") { to };
        common.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (_, database) = common.Resolve(parsed);
            if (database.Provider != DatabaseProvider.Sqlite)
            {
                throw new CliException("backup copies SQLite nodes; for PostgreSQL use pg_dump or the server's own backups");
            }

            var target = Path.GetFullPath(parsed.GetRequiredValue(to));
            if (File.Exists(target))
            {
                throw new CliException($"{target} already exists; choose a new file");
            }

            var pages = await BackupAsync(database.ConnectionString, target, cancellationToken);
            await context.Output.WriteLineAsync($"Backed up to {target} ({new FileInfo(target).Length:N0} bytes, {pages:N0} pages)");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// SQLite's online backup API copies a single consistent snapshot even while the node writes
    /// (sqlite.org/backup.html); it goes to a temporary file first so a failed backup leaves nothing.
    /// </summary>
    public static async Task<long> BackupAsync(string connectionString, string target, CancellationToken cancellationToken)
    {
        var temporary = target + ".partial";
        try
        {
            await using (var source = new SqliteConnection(connectionString))
            await using (var destination = new SqliteConnection(DatabaseSettings.SqliteConnectionStringFor(temporary).Replace("Pooling=True", "Pooling=False", StringComparison.OrdinalIgnoreCase)))
            {
                await source.OpenAsync(cancellationToken);
                await destination.OpenAsync(cancellationToken);
                source.BackupDatabase(destination);

                // The copy inherits WAL mode from the source's header; a single self-contained file is easier to carry.
                using var journal = destination.CreateCommand();
                journal.CommandText = "PRAGMA journal_mode=DELETE;";
                await journal.ExecuteNonQueryAsync(cancellationToken);
            }

            long pages;
            await using (var check = new SqliteConnection($"Data Source={temporary};Mode=ReadOnly;Pooling=False"))
            {
                await check.OpenAsync(cancellationToken);
                using var command = check.CreateCommand();
                command.CommandText = "PRAGMA integrity_check;";
                var verdict = (string?)await command.ExecuteScalarAsync(cancellationToken);
                if (verdict != "ok")
                {
                    throw new CliException($"the backup failed its integrity check: {verdict}");
                }

                command.CommandText = "PRAGMA page_count;";
                pages = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            }

            File.Move(temporary, target);
            return pages;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
