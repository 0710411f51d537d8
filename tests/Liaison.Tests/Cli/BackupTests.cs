using System.Net.Http.Json;
using Liaison.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Liaison.Tests.Cli;

public sealed class BackupTests
{
    [Fact]
    public async Task Backup_WhileTheNodeServesAndWrites_IsAConsistentCopyThatVerifies()
    {
        await using var node = await TestNode.StartAsync();
        var (client, _, _) = await node.SignInAdministratorAsync();
        var writes = Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.PostAsJsonAsync("/api/account/tokens", new { name = $"token {i}" })));
        var target = Path.Combine(node.Root, "backup.db");

        var run = await node.CliAsync("backup", "--data", node.DataDirectory, "--to", target);
        await writes;
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Backed up to", run.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(target + ".partial"));

        // The copy is a node database in its own right: its audit chain verifies against the node's key.
        var restored = Path.Combine(node.Root, "restored");
        Directory.CreateDirectory(restored);
        File.Copy(Path.Combine(node.DataDirectory, "liaison.json"), Path.Combine(restored, "liaison.json"));
        File.Copy(Path.Combine(node.DataDirectory, "node.key"), Path.Combine(restored, "node.key"));
        File.Copy(target, Path.Combine(restored, "liaison.db"));
        var verify = await node.CliAsync("audit", "verify", "--data", restored);
        Assert.True(verify.ExitCode == 0, verify.Error);

        var again = await node.CliAsync("backup", "--data", node.DataDirectory, "--to", target);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }
}
