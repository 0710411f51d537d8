using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Liaison.Storage;

/// <summary>Which database a node runs on.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the node's data lives.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteFileName = "liaison.db";

    public static DatabaseSettings SqliteIn(string dataDirectory) =>
        new(DatabaseProvider.Sqlite, SqliteConnectionStringFor(Path.Combine(dataDirectory, SqliteFileName)));

    public static string SqliteConnectionStringFor(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, ForeignKeys = true, Pooling = true }.ToString();

    public static DatabaseProvider ParseProvider(string value) => value.Trim().ToLowerInvariant() switch
    {
        "sqlite" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" => DatabaseProvider.Postgres,
        _ => throw new ArgumentException($"unknown database '{value}' (expected sqlite or postgres)"),
    };
}

public static class StorageSetup
{
    public static IServiceCollection AddLiaisonStorage(this IServiceCollection services, DatabaseSettings database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<LiaisonDbContext, SqliteLiaisonDbContext>(o => ConfigureSqlite(o, database.ConnectionString));
                break;
            case DatabaseProvider.Postgres:
                services.AddDbContext<LiaisonDbContext, PostgresLiaisonDbContext>(o => ConfigurePostgres(o, database.ConnectionString));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(database));
        }

        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__migrations"))
            .AddInterceptors(SqliteDurability.Instance);

    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, pg => pg.MigrationsHistoryTable("__migrations"));

    /// <summary>Opens a context outside the web host (CLI verbs, tests).</summary>
    public static LiaisonDbContext CreateContext(DatabaseSettings database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new DbContextOptionsBuilder<SqliteLiaisonDbContext>();
                ConfigureSqlite(sqlite, database.ConnectionString);
                return new SqliteLiaisonDbContext(sqlite.Options);
            case DatabaseProvider.Postgres:
                var pg = new DbContextOptionsBuilder<PostgresLiaisonDbContext>();
                ConfigurePostgres(pg, database.ConnectionString);
                return new PostgresLiaisonDbContext(pg.Options);
            default:
                throw new ArgumentOutOfRangeException(nameof(database));
        }
    }
}

/// <summary>
/// WAL lets readers run beside the writer; <c>synchronous=FULL</c> makes each commit reach the disk
/// before it returns, so a 2xx answer means the data survives a power cut (sqlite.org/pragma.html#pragma_synchronous).
/// </summary>
internal sealed class SqliteDurability : DbConnectionInterceptor
{
    public static readonly SqliteDurability Instance = new();

    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
