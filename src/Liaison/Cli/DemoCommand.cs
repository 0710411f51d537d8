using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Liaison.Features.Demo;
using Liaison.Node;
using Liaison.Storage;

namespace Liaison.Cli;

internal static class DemoCommand
{
    public static Command Create(CliContext context)
    {
        var dir = new Option<string>("--dir") { Description = "Throw-away folder for the demo node (wiped first)", DefaultValueFactory = _ => "demo" };
        var port = new Option<int>("--port") { Description = "Loopback port (default 5080, or a free one if taken)", DefaultValueFactory = _ => 5080 };
        var command = new Command("demo", "Create a throw-away node on SQLite and serve it on loopback") { dir, port };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var root = Path.GetFullPath(parsed.GetRequiredValue(dir));
            var data = Path.Combine(root, "node-a");
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }

            var result = await InitNode.RunAsync(
                new InitNode.Request(data, "Demo Border Coordination Centre", "PK", "admin", DatabaseProvider.Sqlite, null),
                context.Time,
                cancellationToken);
            var folder = NodeFolder.Open(data);
            await using (var services = CliServices.Open(folder, DatabaseSettings.SqliteIn(data), context.Time))
            {
                using var scope = services.CreateScope();
                var seeded = await DemoSeed.SeedAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), context.Time, cancellationToken);
                await context.Output.WriteLineAsync(
                    $"Seeded {seeded.Sectors} sectors, {seeded.Posts} posts, {seeded.Officers} officers, {seeded.Shifts} shifts, {seeded.Incidents} incidents for the demo");
            }

            var url = $"http://127.0.0.1:{ChoosePort(parsed.GetValue(port))}";
            await ServeCommand.RunAsync(context, new NodeSettings(folder, DatabaseSettings.SqliteIn(data), url), async address =>
            {
                await context.Output.WriteLineAsync();
                await context.Output.WriteLineAsync($"  Open {address} and sign in as '{result.AdminUserName}' with {result.AdminPassword}");
                await context.Output.WriteLineAsync("  You will set a new password and enrol an authenticator app (administrators need two-factor).");
                await context.Output.WriteLineAsync($"  API reference: {address}/scalar   ·   data: {data}   ·   stop with Ctrl+C");
                await context.Output.WriteLineAsync();
            }, cancellationToken);
            return 0;
        });
        return command;
    }

    private static int ChoosePort(int preferred)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, preferred);
            probe.Start();
            return preferred;
        }
        catch (SocketException)
        {
            using var any = new TcpListener(IPAddress.Loopback, 0);
            any.Start();
            return ((IPEndPoint)any.LocalEndpoint).Port;
        }
    }
}
