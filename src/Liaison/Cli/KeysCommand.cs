using System.CommandLine;
using Liaison.Exchange.Tls;
using Liaison.Node;
using Liaison.Protocol.Signing;

namespace Liaison.Cli;

internal static class KeysCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "The node's data folder", Required = true };
        var show = new Command("show", "Print the node's public key and its fingerprint, and its TLS certificate's fingerprint (what partners pin)") { data };
        show.SetAction(async (parsed, _) =>
        {
            var folder = NodeFolder.Open(parsed.GetRequiredValue(data));
            using var key = NodeKey.Load(folder.KeyFile);
            await context.Output.WriteLineAsync($"fingerprint  {key.Fingerprint}");
            await context.Output.WriteLineAsync($"public key   ed25519 {Convert.ToBase64String(key.PublicKey)}");
            using var tls = NodeTls.Load(folder, NodeConfig.Read(folder));
            await context.Output.WriteLineAsync($"tls cert     {tls.Fingerprint}");
            return 0;
        });
        return new Command("keys", "The node's signing key and TLS certificate") { show };
    }
}
