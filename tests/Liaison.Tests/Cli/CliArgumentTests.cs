using Liaison.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Liaison.Tests.Cli;

/// <summary>Wrong or missing arguments: one line on stderr, a non-zero exit, nothing created.</summary>
public sealed class CliArgumentTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(TestNode.Start);
    private readonly string _root = Directory.CreateTempSubdirectory("liaison-cli-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "launch" }, "launch")]
    [InlineData(new[] { "init", "--party-name", "P", "--country", "PK" }, "--data")]
    [InlineData(new[] { "init", "--data", "DATA", "--country", "PK" }, "--party-name")]
    [InlineData(new[] { "init", "--data", "DATA", "--party-name", "P" }, "--country")]
    [InlineData(new[] { "users", "add", "--data", "DATA", "--user", "x" }, "--role")]
    [InlineData(new[] { "backup", "--data", "DATA" }, "--to")]
    [InlineData(new[] { "serve", "--data", "DATA", "--bogus" }, "--bogus")]
    public async Task ParseErrors_GiveOneLineAndExitTwo_AndCreateNothing(string[] args, string mentioned)
    {
        var run = await CliRun.RunAsync(_time, Substitute(args));
        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run.Error, mentioned);
        Assert.Empty(run.Output);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Theory]
    [InlineData("XX", "ISO 3166-1")]
    [InlineData("Pakistan", "ISO 3166-1")]
    [InlineData("", "ISO 3166-1")]
    public async Task Init_WithABadCountry_FailsAndLeavesNoFolder(string country, string mentioned)
    {
        var run = await CliRun.RunAsync(_time, "init", "--data", Data, "--party-name", "P", "--country", country);
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, mentioned);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public async Task Init_WithAnUnreachablePostgres_FailsAndLeavesNoFolder()
    {
        var run = await CliRun.RunAsync(_time, "init", "--data", Data, "--party-name", "P", "--country", "PK",
            "--database", "postgres", "--connection", "Host=127.0.0.1;Port=1;Username=x;Database=y;Timeout=2");
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, "liaison:");
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public async Task Init_IntoAFolderInUse_FailsAndLeavesItAlone()
    {
        Directory.CreateDirectory(Data);
        await File.WriteAllTextAsync(Path.Combine(Data, "notes.txt"), "keep me");
        var run = await CliRun.RunAsync(_time, "init", "--data", Data, "--party-name", "P", "--country", "PK");
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, "not empty");
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(Data).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Init_Twice_RefusesTheSecondTime()
    {
        Assert.Equal(0, (await CliRun.RunAsync(_time, "init", "--data", Data, "--party-name", "P", "--country", "PK")).ExitCode);
        var again = await CliRun.RunAsync(_time, "init", "--data", Data, "--party-name", "P", "--country", "PK");
        Assert.Equal(1, again.ExitCode);
        AssertOneLine(again.Error, "already exists");
    }

    [Fact]
    public async Task Verbs_OnAFolderThatIsNotANode_SayWhat()
    {
        foreach (var verb in new[] { new[] { "serve" }, ["users", "list"], ["keys", "show"], ["audit", "verify"], ["backup", "--to", Path.Combine(_root, "b.db")] })
        {
            var run = await CliRun.RunAsync(_time, [.. verb, "--data", Data]);
            Assert.Equal(1, run.ExitCode);
            AssertOneLine(run.Error, "is not a Liaison data folder");
        }
    }

    [Theory]
    [InlineData("init")]
    [InlineData("serve")]
    [InlineData("users", "add")]
    [InlineData("users", "list")]
    [InlineData("users", "disable")]
    [InlineData("users", "reset-password")]
    [InlineData("keys", "show")]
    [InlineData("audit", "verify")]
    [InlineData("backup")]
    [InlineData("demo")]
    public async Task EveryVerb_HasHelp(params string[] verb)
    {
        var run = await CliRun.RunAsync(_time, [.. verb, "--help"]);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output, StringComparison.Ordinal);
        Assert.Contains("Options:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdd_WithAnUnknownRole_WritesNothing()
    {
        await CliRun.RunAsync(_time, "init", "--data", Data, "--party-name", "P", "--country", "PK");
        var run = await CliRun.RunAsync(_time, "users", "add", "--data", Data, "--user", "k", "--role", "General");
        Assert.Equal(1, run.ExitCode);
        AssertOneLine(run.Error, "unknown role 'General'");
        var list = await CliRun.RunAsync(_time, "users", "list", "--data", Data);
        Assert.DoesNotContain("\nk ", list.Output, StringComparison.Ordinal);
        Assert.Equal("OK: 2 rows, chain intact", (await CliRun.RunAsync(_time, "audit", "verify", "--data", Data)).Output.Trim());
    }

    [Fact]
    public async Task Users_AddListDisableReset_AreReflectedInTheList()
    {
        await CliRun.RunAsync(_time, "init", "--data", Data, "--party-name", "P", "--country", "PK");
        var added = await CliRun.RunAsync(_time, "users", "add", "--data", Data, "--user", "karimi", "--role", "LiaisonOfficer,Analyst", "--display-name", "Maj. Karimi");
        Assert.Equal(0, added.ExitCode);
        Assert.Matches("one-time password [2-9a-z]{5}-[2-9a-z]{5}-[2-9a-z]{5}-[2-9a-z]{5}", added.Output);

        var list = (await CliRun.RunAsync(_time, "users", "list", "--data", Data)).Output;
        Assert.Matches(@"karimi\s+Analyst,LiaisonOfficer\s+off\s+must change password", list);
        Assert.Matches(@"admin\s+Administrator\s+off\s+must change password", list);

        Assert.Equal(0, (await CliRun.RunAsync(_time, "users", "disable", "--data", Data, "--user", "karimi")).ExitCode);
        Assert.Matches(@"karimi\s+\S+\s+off\s+disabled", (await CliRun.RunAsync(_time, "users", "list", "--data", Data)).Output);

        var reset = await CliRun.RunAsync(_time, "users", "reset-password", "--data", Data, "--user", "karimi");
        Assert.Equal(0, reset.ExitCode);
        Assert.Matches(@"karimi\s+\S+\s+off\s+must change password", (await CliRun.RunAsync(_time, "users", "list", "--data", Data)).Output);

        var missing = await CliRun.RunAsync(_time, "users", "disable", "--data", Data, "--user", "nobody");
        Assert.Equal(1, missing.ExitCode);
        AssertOneLine(missing.Error, "no user named 'nobody'");
    }

    [Fact]
    public async Task KeysShow_PrintsTheFingerprintInitPrinted()
    {
        var init = await CliRun.RunAsync(_time, "init", "--data", Data, "--party-name", "P", "--country", "PK");
        var fingerprint = init.Output.Split('\n').Single(l => l.Contains("key fingerprint", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];
        var keys = await CliRun.RunAsync(_time, "keys", "show", "--data", Data);
        Assert.Equal(0, keys.ExitCode);
        Assert.Contains($"fingerprint  {fingerprint}", keys.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Data, "node.key")));
        }
    }

    private string Data => Path.Combine(_root, "node");

    private string[] Substitute(string[] args) => [.. args.Select(a => a == "DATA" ? Data : a)];

    private static void AssertOneLine(string error, string mentioned)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line, got: {error}");
        Assert.StartsWith("liaison: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(mentioned, lines[0], StringComparison.Ordinal);
    }
}
