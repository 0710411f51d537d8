using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Tests.Cli;

/// <summary>The real <c>liaison</c> binary, in its own process, as an operator runs it.</summary>
public sealed class ProcessTests : IDisposable
{
    private static readonly string Binary = Path.Combine(AppContext.BaseDirectory, "liaison.dll");
    private readonly string _root = Directory.CreateTempSubdirectory("liaison-process-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task InitThenServe_AnswersOverHttp_AndWhatItAcknowledgedSurvivesKillNine()
    {
        var data = Path.Combine(_root, "node");
        var init = await RunToEndAsync("init", "--data", data, "--party-name", "Process Party", "--country", "IR");
        Assert.True(init.ExitCode == 0, init.Error);
        var password = init.Output.Split('\n').Single(l => l.Contains("one-time password", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[2];

        var url = $"http://127.0.0.1:{FreePort()}";
        using (var serve = Start("serve", "--data", data, "--urls", url))
        {
            await WaitForLineAsync(serve, "listening on");
            using var client = new HttpClient { BaseAddress = new Uri(url) };
            await Expect.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/health/ready"));
            var signIn = await client.PostAsJsonAsync("/api/account/sign-in", new { userName = "admin", password });
            Assert.Equal("password-change-required", await Expect.StateAsync(signIn));
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }

        // The sign-in was answered 200, so its audit row must have reached the disk before the kill.
        var verify = await RunToEndAsync("audit", "verify", "--data", data);
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Equal("OK: 3 rows, chain intact", verify.Output.Trim());
    }

    [Fact]
    public async Task BadArguments_ExitNonZeroWithOneLine()
    {
        var run = await RunToEndAsync("init", "--data", Path.Combine(_root, "x"));
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(Directory.Exists(Path.Combine(_root, "x")));
    }

    [Fact]
    public async Task Demo_PrintsItsSummaryNotTheNodesLogs_AndTheTwoDesksExchange()
    {
        var dir = Path.Combine(_root, "demo");
        using var demo = Start("demo", "--dir", dir, "--port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        var error = demo.StandardError.ReadToEndAsync();
        try
        {
            var printed = await ReadUntilAsync(demo, "Each desk's log");
            Assert.DoesNotContain(printed, l => l.TrimStart().StartsWith('{'));
            Assert.Equal(2, printed.Count(l => l.Contains("analyst / ", StringComparison.Ordinal)));

            // Each desk's own records reach the other: the Iranian desk holds reports that came from the Pakistani one.
            var iran = DatabaseSettings.SqliteIn(Path.Combine(dir, "iran"));
            var waited = Stopwatch.StartNew();
            var received = 0;
            while (received == 0 && waited.Elapsed < TimeSpan.FromMinutes(1))
            {
                await using var db = StorageSetup.CreateContext(iran);
                received = await db.Incidents.CountAsync(i => !i.OriginParty.IsSelf);
                await Task.Delay(500);
            }

            Assert.True(received > 0, "the Iranian desk received none of the Pakistani desk's reports within a minute");
        }
        finally
        {
            demo.Kill(entireProcessTree: true);
            await demo.WaitForExitAsync();
        }

        Assert.Equal("", (await error).Trim());
        foreach (var side in new[] { "pakistan", "iran" })
        {
            var lines = await File.ReadAllLinesAsync(Path.Combine(dir, side, "node.log"));
            Assert.Contains(lines, l => l.Contains("Now listening on", StringComparison.Ordinal));
            Assert.All(lines, l => Assert.True(System.Text.Json.JsonDocument.Parse(l).RootElement.TryGetProperty("LogLevel", out _), l));
        }
    }

    private static async Task<List<string>> ReadUntilAsync(Process process, string text)
    {
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines.Add(line);
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return lines;
            }
        }

        Assert.Fail($"exited before printing '{text}':\n{string.Join('\n', lines)}");
        return lines;
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Binary);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunToEndAsync(params string[] args)
    {
        using var process = Start(args);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static async Task WaitForLineAsync(Process process, string text)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }

        Assert.Fail($"the node exited before printing '{text}': {await process.StandardError.ReadToEndAsync()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
