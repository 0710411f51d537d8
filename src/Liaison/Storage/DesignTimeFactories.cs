using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Liaison.Storage;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLiaisonDbContext>
{
    public SqliteLiaisonDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<SqliteLiaisonDbContext>();
        StorageSetup.ConfigureSqlite(options, "Data Source=design.db");
        return new SqliteLiaisonDbContext(options.Options);
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLiaisonDbContext>
{
    public PostgresLiaisonDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgresLiaisonDbContext>();
        StorageSetup.ConfigurePostgres(options, "Host=127.0.0.1;Database=design");
        return new PostgresLiaisonDbContext(options.Options);
    }
}
