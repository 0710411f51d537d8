using System.Text.Json.Nodes;
using Liaison.Audit;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Tests.Audit;

/// <summary>The chain is checked by <c>liaison audit verify</c> after tampering with the SQLite file directly.</summary>
public sealed class AuditChainTamperTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(TestNode.Start);
    private string _root = "";
    private string _data = "";

    private string Database => Path.Combine(_data, DatabaseSettings.SqliteFileName);

    public async Task InitializeAsync()
    {
        _root = Directory.CreateTempSubdirectory("liaison-audit-").FullName;
        _data = Path.Combine(_root, "node");
        await CliRun.RunAsync(_time, "init", "--data", _data, "--party-name", "Audit Party", "--country", "IR");
        foreach (var name in new[] { "officer1", "officer2", "analyst1", "auditor1" })
        {
            _time.Advance(TimeSpan.FromMinutes(1));
            var added = await CliRun.RunAsync(_time, "users", "add", "--data", _data, "--user", name, "--role", "LiaisonOfficer");
            Assert.Equal(0, added.ExitCode);
        }
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task UntouchedChain_VerifiesWithItsRowCount()
    {
        var run = await VerifyAsync();
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("OK: 6 rows, chain intact", run.Output.Trim());
    }

    [Fact]
    public async Task EditedRow_IsReported()
    {
        await ExecuteAsync("UPDATE audit_entries SET Actor = 'someone else' WHERE Sequence = 3");
        await AssertTamperedAsync("row 3 was edited");
    }

    [Fact]
    public async Task DeletedRow_IsReported()
    {
        await ExecuteAsync("DELETE FROM audit_entries WHERE Sequence = 4");
        await AssertTamperedAsync("row 4 is missing");
    }

    [Fact]
    public async Task DeletedRow_WithLaterRowsRenumbered_IsReported()
    {
        await ExecuteAsync("DELETE FROM audit_entries WHERE Sequence = 4; UPDATE audit_entries SET Sequence = Sequence - 1 WHERE Sequence > 4");
        await AssertTamperedAsync("row 4 does not follow row 3");
    }

    [Fact]
    public async Task InsertedRow_WithACorrectlyComputedHash_IsReportedBecauseTheNodeNeverSignedIt()
    {
        // The forger knows the algorithm and links the row properly; only the node's key is out of reach.
        var previous = await ScalarAsync<byte[]>("SELECT Hash FROM audit_entries WHERE Sequence = 2");
        var forged = AuditEntry.Create(3, TestNode.Start.UtcDateTime.AddSeconds(90), new AuditRecord("cli", "user.add", "success", "user:ghost", new JsonObject()), previous, _ => new byte[64]);
        await ExecuteAsync("UPDATE audit_entries SET Sequence = Sequence + 1000 WHERE Sequence >= 3; UPDATE audit_entries SET Sequence = Sequence - 999 WHERE Sequence >= 1000");
        await InsertAsync(forged);
        await AssertTamperedAsync("row 3 was not written by this node");
    }

    [Fact]
    public async Task RowAppendedAtTheEnd_IsReported()
    {
        var last = await ScalarAsync<byte[]>("SELECT Hash FROM audit_entries WHERE Sequence = 6");
        var forged = AuditEntry.Create(7, TestNode.Start.UtcDateTime.AddHours(1), new AuditRecord("user:admin", "user.disable", "success"), last, _ => new byte[64]);
        await InsertAsync(forged);
        await AssertTamperedAsync("row 7 was not written by this node");
    }

    [Fact]
    public async Task TwoSwappedRows_AreReported()
    {
        const string columns = "At, Actor, Action, Target, Outcome, Details, Address, PreviousHash, Hash, Signature";
        await ExecuteAsync($"""
            CREATE TEMP TABLE swap AS SELECT * FROM audit_entries WHERE Sequence IN (3, 4);
            UPDATE audit_entries SET ({columns}) = (SELECT {columns} FROM swap WHERE swap.Sequence = 4) WHERE Sequence = 3;
            UPDATE audit_entries SET ({columns}) = (SELECT {columns} FROM swap WHERE swap.Sequence = 3) WHERE Sequence = 4;
            """);
        await AssertTamperedAsync("row 3 is out of order: it was written after row 4");
    }

    private Task<CliRun> VerifyAsync() => CliRun.RunAsync(_time, "audit", "verify", "--data", _data);

    private async Task AssertTamperedAsync(string expected)
    {
        var run = await VerifyAsync();
        Assert.Equal(3, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.StartsWith("TAMPERED:", run.Error, StringComparison.Ordinal);
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private Task InsertAsync(AuditEntry row) => ExecuteAsync(
        "INSERT INTO audit_entries (Sequence, At, Actor, Action, Target, Outcome, Details, Address, PreviousHash, Hash, Signature) VALUES ($sequence, $at, $actor, $action, $target, $outcome, $details, NULL, $previous, $hash, $signature)",
        ("$sequence", row.Sequence),
        ("$at", row.At.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture)),
        ("$actor", row.Actor), ("$action", row.Action), ("$target", (object?)row.Target ?? DBNull.Value), ("$outcome", row.Outcome),
        ("$details", row.Details), ("$previous", row.PreviousHash), ("$hash", row.Hash), ("$signature", row.Signature));

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
