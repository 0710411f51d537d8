using System.CommandLine;
using Liaison.Node;
using Liaison.Storage;

namespace Liaison.Cli;

internal static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string>("--data") { Description = "Folder to create for the node (must not exist, or be empty)", Required = true };
        var party = new Option<string>("--party-name") { Description = "The party this node serves, e.g. \"Pakistan Army — Western Border\"", Required = true };
        var country = new Option<string>("--country") { Description = "ISO 3166-1 alpha-2 country code, e.g. PK", Required = true };
        var admin = new Option<string>("--admin") { Description = "User name of the first administrator", DefaultValueFactory = _ => "admin" };
        var database = new Option<string?>("--database") { Description = "sqlite (default) or postgres" };
        var connection = new Option<string?>("--connection") { Description = "PostgreSQL connection string (with --database postgres)" };
        var tlsHost = new Option<string[]>("--tls-host") { Description = "A DNS name or IP address partners reach this node by, added to its TLS certificate (repeatable; localhost, 127.0.0.1 and ::1 are always in it)" };

        var command = new Command("init", "Create a node: data folder, database, Ed25519 key, TLS certificate, party identity and first administrator")
        {
            data, party, country, admin, database, connection, tlsHost,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var provider = parsed.GetValue(database) is { } d ? NodeConfig.ParseProvider(d) : DatabaseProvider.Sqlite;
            var result = await InitNode.RunAsync(
                new InitNode.Request(parsed.GetRequiredValue(data), parsed.GetRequiredValue(party), parsed.GetRequiredValue(country), parsed.GetRequiredValue(admin), provider, parsed.GetValue(connection), parsed.GetValue(tlsHost)),
                context.Time,
                cancellationToken);
            await WriteAsync(context.Output, result);
            return 0;
        });
        return command;
    }

    public static async Task WriteAsync(TextWriter output, InitNode.Result result)
    {
        await output.WriteLineAsync($"Created node in {result.DataDirectory}");
        await output.WriteLineAsync($"  party identity     {result.PartyIdentity}");
        await output.WriteLineAsync($"  key fingerprint    {result.Fingerprint}   (give this to partners out of band)");
        await output.WriteLineAsync($"  tls certificate    {result.TlsFingerprint}   (self-signed; partners pin it when pairing)");
        await output.WriteLineAsync($"  administrator      {result.AdminUserName}");
        await output.WriteLineAsync($"  one-time password  {result.AdminPassword}   (shown once: change it and enrol two-factor at first sign-in)");
    }
}
