using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresFixture postgres) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("liaison-migrations-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Sqlite_EmptyDatabase_MigratesFully_AndReapplyingChangesNothing()
    {
        var database = new DatabaseSettings(DatabaseProvider.Sqlite, DatabaseSettings.SqliteConnectionStringFor(Path.Combine(_root, "empty.db")));
        await AssertMigratesOnceAsync(database, "SELECT group_concat(type || ':' || name || ':' || coalesce(sql, ''), '|') AS \"Value\" FROM (SELECT * FROM sqlite_master ORDER BY name)");

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Sqlite_ConnectionsTheNodeOpens_CommitWithFullSync()
    {
        // synchronous=FULL is per connection, so it must be set on every connection EF opens (sqlite.org/pragma.html#pragma_synchronous).
        await using var db = StorageSetup.CreateContext(new DatabaseSettings(DatabaseProvider.Sqlite, DatabaseSettings.SqliteConnectionStringFor(Path.Combine(_root, "sync.db"))));
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous;";
        Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Postgres_EmptyDatabase_MigratesFully_AndReapplyingChangesNothing()
    {
        var database = new DatabaseSettings(DatabaseProvider.Postgres, await postgres.Server.CreateUniqueDatabaseAsync());
        await AssertMigratesOnceAsync(database, "SELECT string_agg(table_name || '.' || column_name || ':' || data_type, '|' ORDER BY table_name, column_name) AS \"Value\" FROM information_schema.columns WHERE table_schema = 'public'");
    }

    [Fact]
    public async Task Postgres_StoresTimestampsAsTimestampWithTimeZone()
    {
        var database = new DatabaseSettings(DatabaseProvider.Postgres, await postgres.Server.CreateUniqueDatabaseAsync());
        await using var db = StorageSetup.CreateContext(database);
        await db.Database.MigrateAsync();
        var types = await db.Database.SqlQueryRaw<string>(
            "SELECT DISTINCT data_type AS \"Value\" FROM information_schema.columns WHERE table_schema = 'public' AND column_name IN ('At', 'CreatedAt', 'ExpiresAt', 'LockoutEnd')").ToListAsync();
        Assert.Equal(["timestamp with time zone"], types);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Model_HasNoChangesMissingFromTheMigrations(DatabaseProvider provider)
    {
        // Fails when an entity changes without `dotnet ef migrations add` for both providers (see docs/operations.md).
        using var db = StorageSetup.CreateContext(new DatabaseSettings(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=127.0.0.1;Database=unused"));
        Assert.False(db.Database.HasPendingModelChanges(), $"the {provider} migrations are behind the model");
    }

    private static async Task AssertMigratesOnceAsync(DatabaseSettings database, string schemaQuery)
    {
        await using var db = StorageSetup.CreateContext(database);
        var all = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(all);
        Assert.Equal(all, await db.Database.GetPendingMigrationsAsync());

        await db.Database.MigrateAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        var schema = await db.Database.SqlQueryRaw<string>(schemaQuery).ToListAsync();

        await db.Database.MigrateAsync();
        Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal(schema, await db.Database.SqlQueryRaw<string>(schemaQuery).ToListAsync());
        Assert.False(await db.AuditEntries.AnyAsync());
    }
}
