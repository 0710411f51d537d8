using System.CommandLine;
using System.Globalization;
using System.Text;
using Liaison.Audit;
using Liaison.Exchange;
using Liaison.Exchange.Pairing;
using Liaison.Exchange.Partners;
using Liaison.Exchange.Signatures;
using Liaison.Exchange.Tls;
using Liaison.Node;
using Liaison.Protocol.Signing;
using Liaison.Storage;

namespace Liaison.Cli;

/// <summary><c>liaison pair</c> (pin a partner node) and <c>liaison partners</c> (list them with their link figures).</summary>
internal static class PairCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var url = new Option<string>("--partner-url") { Description = "The partner node's base address, e.g. https://liaison.partner.example/", Required = true };
        var fingerprint = new Option<string>("--partner-fingerprint")
        {
            Description = "The partner's key fingerprint (SHA256:…), as its administrator read it out ('liaison keys show' on its side)",
            Required = true,
        };
        var insecure = new Option<bool>(PartnerUrl.InsecureHttpOption) { Description = "Allow a plain-http partner URL that is not loopback (records cross the network unencrypted)" };
        var command = new Command("pair", "Pin a partner node by its key fingerprint and tell it so; trusted once both sides have paired") { url, fingerprint, insecure };
        common.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (folder, database) = common.Resolve(parsed);
            await using var services = OpenServices(folder, database, context.Time);
            await using var scope = services.CreateAsyncScope();
            var provider = scope.ServiceProvider;
            var db = provider.GetRequiredService<LiaisonDbContext>();
            var self = await SelfDescription.FromFolderAsync(db, provider.GetRequiredService<NodeKey>(), folder, cancellationToken);
            var pairing = ActivatorUtilities.CreateInstance<PairPartner>(provider);
            await pairing.RunAsync(
                new PairPartner.Request(parsed.GetRequiredValue(url), parsed.GetRequiredValue(fingerprint), parsed.GetValue(insecure)),
                self, line => context.Output.WriteLineAsync(line), cancellationToken);
            return 0;
        });
        return command;
    }

    public static Command CreateList(CliContext context)
    {
        var common = new CommonOptions();
        var command = new Command("partners", "List partner nodes: state, link health, last contact, outbox backlog and dead letters");
        common.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var (_, database) = common.Resolve(parsed);
            await using var db = StorageSetup.CreateContext(database);
            var partners = await PartnerOverview.ListAsync(db, context.Time.GetUtcNow().UtcDateTime, new ExchangeOptions().PullInterval, cancellationToken);
            var table = new StringBuilder();
            table.Append(CultureInfo.InvariantCulture, $"{"ID",-4} {"PARTY",-28} {"STATE",-10} {"HEALTH",-9} {"LAST CONTACT",-20} {"BACKLOG",7} {"DEAD",5}  KEY");
            foreach (var p in partners)
            {
                var contact = p.LastContactAt?.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) ?? "never";
                table.Append(CultureInfo.InvariantCulture,
                    $"\n{p.Id,-4} {Clip($"{p.PartyName} ({p.Country})", 28),-28} {Word(p.State),-10} {Word(p.Health),-9} {contact,-20} {p.Backlog,7} {p.DeadLetters,5}  {p.KeyFingerprint}");
            }

            await context.Output.WriteLineAsync(partners.Count == 0 ? "No partners yet; pair with one using 'liaison pair'." : table.ToString());
            return 0;
        });
        return command;
    }

    /// <summary>The admin verbs' services plus the signed clients pairing talks to the partner with.</summary>
    private static ServiceProvider OpenServices(NodeFolder folder, DatabaseSettings database, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton(_ => NodeKey.Load(folder.KeyFile));
        services.AddLiaisonStorage(database);
        services.AddSingleton<AuditLog>();
        services.AddPartnerClients();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    private static string Word<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();

    private static string Clip(string text, int width) => text.Length <= width ? text : text[..(width - 1)] + "…";
}
