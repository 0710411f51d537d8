using Liaison.Features.Officers;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Tests.Features.Officers;

/// <summary>
/// A node upgraded from the release before party rosters (schema at the Exchange migration) keeps its officers on
/// its own roster, on both databases, and shares them with the partner once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RosterUpgradeTests(PostgresFixture postgres) : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("liaison-roster-upgrade-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task OfficersFromThePreviousRelease_LandOnTheOwnRoster_AndAreSharedOnce(DatabaseProvider provider)
    {
        var database = provider == DatabaseProvider.Sqlite
            ? new DatabaseSettings(provider, DatabaseSettings.SqliteConnectionStringFor(Path.Combine(_root, "upgrade.db")))
            : new DatabaseSettings(provider, await postgres.Server.CreateUniqueDatabaseAsync());
        var time = new FakeTimeProvider(TestNode.Start);
        var now = time.GetUtcNow().UtcDateTime;
        var self = StixId.NewRandom(Identity.TypeName).ToString();
        await using (var old = StorageSetup.CreateContext(database))
        {
            var previousRelease = old.Database.GetMigrations().Single(m => m.EndsWith("_Exchange", StringComparison.Ordinal));
            await old.GetService<IMigrator>().MigrateAsync(previousRelease);
            // Languages are a text[] on PostgreSQL and JSON text on SQLite, as EF maps a primitive collection on each.
            object languages = provider == DatabaseProvider.Postgres ? new[] { "ur" } : "[\"ur\"]";
            // What `liaison init` and the desk of that release wrote: the self party first, then officers without a party.
            await old.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO parties (\"StixId\", \"Name\", \"Country\", \"IsSelf\", \"CreatedAt\") VALUES ({self}, {"Own desk"}, {"PK"}, {true}, {now})");
            await old.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO officers (\"FullName\", \"Languages\", \"CreatedAt\", \"UpdatedAt\") VALUES ({"Kamran Akhtar"}, {languages}, {now}, {now})");
        }

        await using var db = StorageSetup.CreateContext(database);
        await db.Database.MigrateAsync();
        await RosterUpgrade.RunAsync(db, time);
        await RosterUpgrade.RunAsync(db, time);

        var party = await db.Parties.AsNoTracking().SelfAsync();
        var officer = await db.Officers.AsNoTracking().Include(o => o.Party).SingleAsync();
        Assert.Equal(self, officer.Party.StixId);
        Assert.Equal(party.Id, officer.PartyId);
        var shared = await db.SharedObjects.AsNoTracking().Where(o => o.Type == LiaisonOfficer.TypeName).ToListAsync();
        Assert.Equal(RosterStix.OfficerIdOf(officer, party).ToString(), Assert.Single(shared).StixId);
        Assert.Equal(self, shared[0].CreatedByRef);
    }

    [Fact]
    public async Task OwnRowsOnAnotherParty_AreMovedToTheSelfParty_PartnerRowsStay()
    {
        var database = new DatabaseSettings(DatabaseProvider.Sqlite, DatabaseSettings.SqliteConnectionStringFor(Path.Combine(_root, "fixup.db")));
        var time = new FakeTimeProvider(TestNode.Start);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = StorageSetup.CreateContext(database);
        await db.Database.MigrateAsync();
        var partner = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Partner", "IR", isSelf: false, now);
        var self = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Own desk", "PK", isSelf: true, now);
        db.Parties.AddRange(partner, self);
        var received = new Officer(partner, new OfficerDetails("Reza Karimi", null, null, null, [], []), now);
        received.ProjectedFrom(StixId.NewRandom(LiaisonOfficer.TypeName).ToString(), now);
        // An own officer wrongly on the partner's roster, as the column default would leave it if the self party were not the first row.
        var misplaced = new Officer(partner, new OfficerDetails("Kamran Akhtar", null, null, null, [], []), now);
        db.Officers.AddRange(received, misplaced);
        await db.SaveChangesAsync();

        await RosterUpgrade.RunAsync(db, time);

        var parties = await db.Officers.AsNoTracking().ToDictionaryAsync(o => o.FullName, o => o.PartyId);
        Assert.Equal(self.Id, parties["Kamran Akhtar"]);
        Assert.Equal(partner.Id, parties["Reza Karimi"]);
    }
}
