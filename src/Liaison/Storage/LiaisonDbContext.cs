using Liaison.Accounts;
using Liaison.Audit;
using Liaison.Exchange;
using Liaison.Features.Officers;
using Liaison.Features.Incidents;
using Liaison.Features.Parties;
using Liaison.Features.Sectors;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Storage;

/// <summary>
/// The node's database. Provider-neutral: <see cref="SqliteLiaisonDbContext"/> and
/// <see cref="PostgresLiaisonDbContext"/> exist only so each provider has its own generated migration set.
/// </summary>
public abstract class LiaisonDbContext(DbContextOptions options) : IdentityDbContext<LiaisonUser, IdentityRole, string>(options)
{
    public DbSet<Party> Parties => Set<Party>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Sector> Sectors => Set<Sector>();

    public DbSet<Post> Posts => Set<Post>();

    public DbSet<Officer> Officers => Set<Officer>();

    public DbSet<DutyShift> DutyShifts => Set<DutyShift>();

    public DbSet<IncidentReport> Incidents => Set<IncidentReport>();

    public DbSet<IncidentVersion> IncidentVersions => Set<IncidentVersion>();

    public DbSet<NamedGroup> NamedGroups => Set<NamedGroup>();

    public DbSet<Partner> Partners => Set<Partner>();

    public DbSet<SharedObject> SharedObjects => Set<SharedObject>();

    public DbSet<Delivery> Deliveries => Set<Delivery>();

    public DbSet<DeliveryReceipt> DeliveryReceipts => Set<DeliveryReceipt>();

    public DbSet<TaxiiStatusRecord> TaxiiStatuses => Set<TaxiiStatusRecord>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(LiaisonDbContext).Assembly, t => !t.IsAbstract);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // One UTC rule on every database: DateTime values are written and read back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}

/// <summary>The SQLite flavour, with migrations under <c>Storage/Migrations/Sqlite</c>.</summary>
public sealed class SqliteLiaisonDbContext(DbContextOptions<SqliteLiaisonDbContext> options) : LiaisonDbContext(options);

/// <summary>The PostgreSQL flavour, with migrations under <c>Storage/Migrations/Postgres</c>.</summary>
public sealed class PostgresLiaisonDbContext(DbContextOptions<PostgresLiaisonDbContext> options) : LiaisonDbContext(options);
