using System.CommandLine;
using Liaison.Exchange.Tls;
using Liaison.Features.Parties;
using Liaison.Node;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Liaison.Cli;

internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var urls = new Option<string?>("--urls") { Description = $"Where to listen, e.g. {DefaultUrls} (default: the config file's, else {DefaultUrls})" };
        var command = new Command("serve", "Run the node");
        common.AddTo(command);
        command.Options.Add(urls);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (folder, database) = common.Resolve(parsed);
            var config = NodeConfig.Read(folder);
            await RunAsync(context, new NodeSettings(folder, database, parsed.GetValue(urls) ?? config.Urls ?? DefaultUrls), onReady: null, cancellationToken);
            return 0;
        });
        return command;
    }

    /// <summary>Migrates, starts, prints where the node listens, and runs until stopped.</summary>
    public static async Task RunAsync(CliContext context, NodeSettings settings, Func<string, Task>? onReady, CancellationToken cancellationToken)
    {
        await using var app = NodeHost.Build(settings);
        await NodeHost.MigrateAsync(app.Services, cancellationToken);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using (var scope = app.Services.CreateScope())
        {
            var node = await NodeEndpoints.DescribeAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), app.Services.GetRequiredService<NodeKey>(), cancellationToken);
            await context.Output.WriteLineAsync($"Liaison node for {node.PartyName} ({node.Country}) on {settings.Database.Provider}, listening on {address}");
            await context.Output.WriteLineAsync($"  key fingerprint {node.KeyFingerprint}");
            if (TlsHosting.ServesHttps(settings.Urls))
            {
                await context.Output.WriteLineAsync($"  tls certificate {app.Services.GetRequiredService<NodeTls>().Fingerprint}");
            }
        }

        if (onReady is not null)
        {
            await onReady(address);
        }

        await context.Output.FlushAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
