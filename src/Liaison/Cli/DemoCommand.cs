using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Liaison.Features.Demo;
using Liaison.Node;
using Liaison.Storage;

namespace Liaison.Cli;

/// <summary>
/// <c>liaison demo</c>: two throw-away nodes on loopback, each on its own SQLite file — a Pakistani and an Iranian
/// border-liaison desk — seeded with their own side's records, paired with each other exactly as two
/// administrators would pair them, so each party's records flow to the other over signed TAXII.
/// </summary>
internal static partial class DemoCommand
{
    private sealed record Desk(DemoSide Side, string Folder, string Party, string Country, int Port);

    public static Command Create(CliContext context)
    {
        var dir = new Option<string>("--dir") { Description = "Throw-away folder for the demo nodes (wiped first)", DefaultValueFactory = _ => "demo" };
        var port = new Option<int>("--port") { Description = "Loopback port of the Pakistani desk (the Iranian one takes the next; free ones if taken)", DefaultValueFactory = _ => 5080 };
        var command = new Command("demo", "Create two paired throw-away nodes on SQLite (a Pakistani and an Iranian desk) and serve them on loopback") { dir, port };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var root = Path.GetFullPath(parsed.GetRequiredValue(dir));
            var first = ChoosePort(parsed.GetValue(port));
            Desk[] desks =
            [
                new(DemoSide.Pakistan, Path.Combine(root, "pakistan"), DemoSeed.PakistanName, "PK", first),
                new(DemoSide.Iran, Path.Combine(root, "iran"), DemoSeed.IranName, "IR", ChoosePort(first + 1, avoid: first)),
            ];

            var signIns = new List<string>();
            foreach (var desk in desks)
            {
                signIns.AddRange(await PrepareAsync(context, desk, cancellationToken));
            }

            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var ready = desks.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            var serving = desks.Select((desk, i) => ServeCommand.RunAsync(
                context,
                new NodeSettings(NodeFolder.Open(desk.Folder), DatabaseSettings.SqliteIn(desk.Folder), Url(desk), LogFile(desk)),
                _ =>
                {
                    ready[i].TrySetResult();
                    return Task.CompletedTask;
                },
                stopping.Token)).ToList();

            await Task.WhenAny(Task.WhenAll(ready.Select(r => r.Task)), Task.WhenAny(serving));
            if (serving.FirstOrDefault(s => s.IsCompleted) is { } failed)
            {
                await failed;
                throw new CliException("a demo node stopped before it was ready");
            }
            await context.Output.WriteLineAsync();
            await context.Output.WriteLineAsync("Pairing the two desks, as each administrator would with 'liaison pair' after reading the other's fingerprint over the phone:");
            await PairAsync(context, desks[0], desks[1], cancellationToken);
            await PairAsync(context, desks[1], desks[0], cancellationToken);
            foreach (var desk in desks)
            {
                await using var services = CliServices.Open(NodeFolder.Open(desk.Folder), DatabaseSettings.SqliteIn(desk.Folder), context.Time);
                using var scope = services.CreateScope();
                await DemoSeed.SetHotlinesAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), desk.Side, cancellationToken);
            }

            await context.Output.WriteLineAsync();
            foreach (var line in signIns)
            {
                await context.Output.WriteLineAsync(line);
            }

            await context.Output.WriteLineAsync("  Analysts sign in with the one-time password and choose their own; administrators also enrol an authenticator app.");
            await context.Output.WriteLineAsync("  Records each desk publishes reach the other within seconds (push) or a minute (pull). Stop with Ctrl+C.");
            await context.Output.WriteLineAsync($"  Each desk's log: {string.Join(" and ", desks.Select(d => Path.GetRelativePath(Environment.CurrentDirectory, LogFile(d))))}");
            await context.Output.WriteLineAsync();
            await Task.WhenAll(serving);
            return 0;
        });
        return command;
    }

    private static string Url(Desk desk) => $"http://127.0.0.1:{desk.Port}";

    /// <summary>Each desk logs to its own folder; the console keeps the demo's summary and any error.</summary>
    private static string LogFile(Desk desk) => Path.Combine(desk.Folder, "node.log");

    /// <summary>Init, a fixed address in the config (pairing announces it), an analyst account, the seed.</summary>
    private static async Task<IReadOnlyList<string>> PrepareAsync(CliContext context, Desk desk, CancellationToken cancellationToken)
    {
        if (Directory.Exists(desk.Folder))
        {
            Directory.Delete(desk.Folder, recursive: true);
        }

        var init = await InitNode.RunAsync(new InitNode.Request(desk.Folder, desk.Party, desk.Country, "admin", DatabaseProvider.Sqlite, null), context.Time, cancellationToken);
        var folder = NodeFolder.Open(desk.Folder);
        (NodeConfig.Read(folder) with { Urls = Url(desk) }).Write(folder.ConfigFile);

        await using (var services = CliServices.Open(folder, DatabaseSettings.SqliteIn(desk.Folder), context.Time))
        {
            using var scope = services.CreateScope();
            var seeded = await DemoSeed.SeedAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), context.Time, desk.Side, cancellationToken);
            await context.Output.WriteLineAsync(
                $"{desk.Party}: seeded {seeded.Sectors} sectors, {seeded.Posts} posts, {seeded.Officers} officers, {seeded.Shifts} shifts, {seeded.Incidents} incident reports");
        }

        using var output = new StringWriter();
        var added = await LiaisonCli.RunAsync(["users", "add", "--data", desk.Folder, "--user", "analyst", "--role", "Analyst"], output, context.Error, context.Time, cancellationToken);
        var analystPassword = added == 0 ? OneTimePassword().Match(output.ToString()).Groups[1].Value : "(could not create the analyst)";
        return
        [
            $"  {desk.Party}",
            $"    {Url(desk)}   analyst / {analystPassword}   ·   admin / {init.AdminPassword}   ·   data {desk.Folder}",
        ];
    }

    /// <summary>What each administrator does after reading the other's fingerprint out over the phone.</summary>
    private static async Task PairAsync(CliContext context, Desk from, Desk to, CancellationToken cancellationToken)
    {
        using var key = Protocol.Signing.NodeKey.Load(NodeFolder.Open(to.Folder).KeyFile);
        var code = await LiaisonCli.RunAsync(
            ["pair", "--data", from.Folder, "--partner-url", Url(to) + "/", "--partner-fingerprint", key.Fingerprint],
            context.Output, context.Error, context.Time, cancellationToken);
        if (code != 0)
        {
            throw new CliException($"pairing {from.Party} with {to.Party} failed (exit {code})");
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private static int ChoosePort(int preferred, int avoid = 0)
    {
        if (preferred != avoid)
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, preferred);
                probe.Start();
                return preferred;
            }
            catch (SocketException)
            {
                // Taken: any free port will do.
            }
        }

        while (true)
        {
            using var any = new TcpListener(IPAddress.Loopback, 0);
            any.Start();
            var port = ((IPEndPoint)any.LocalEndpoint).Port;
            if (port != avoid)
            {
                return port;
            }
        }
    }

    [GeneratedRegex(@"one-time password (\S+)")]
    private static partial Regex OneTimePassword();
}
