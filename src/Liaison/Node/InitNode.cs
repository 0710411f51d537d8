using System.Globalization;
using System.Text.Json.Nodes;
using Liaison.Accounts;
using Liaison.Audit;
using Liaison.Cli;
using Liaison.Exchange.Tls;
using Liaison.Features.Parties;
using Liaison.Protocol.Signing;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Node;

/// <summary>
/// Creates a node: data folder, config, migrated database, Ed25519 key, self-signed TLS certificate, the party's
/// STIX identity and a first administrator. Everything is built in a sibling folder and moved into place at the end, so a failure
/// leaves nothing behind.
/// </summary>
public static class InitNode
{
    public sealed record Request(string DataDirectory, string PartyName, string Country, string AdminUserName, DatabaseProvider Database, string? Connection, IReadOnlyList<string>? TlsHosts = null);

    public sealed record Result(string DataDirectory, string PartyIdentity, string Fingerprint, string AdminUserName, string AdminPassword, string TlsFingerprint);

    public static async Task<Result> RunAsync(Request request, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var target = Path.GetFullPath(request.DataDirectory);
        var country = Validate(request, target);
        var tlsHosts = NodeCertificate.HostsWith(request.TlsHosts);

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(target)}.init-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var folder = new NodeFolder(staging);
            string fingerprint;
            using (var key = NodeKey.Generate())
            {
                key.Save(folder.KeyFile);
                fingerprint = key.Fingerprint;
            }

            string tlsFingerprint;
            using (var certificate = NodeCertificate.CreateSelfSigned(request.PartyName, tlsHosts, time))
            {
                tlsFingerprint = NodeCertificate.Write(folder, certificate);
            }

            var config = new NodeConfig { Database = request.Database, Connection = request.Database == DatabaseProvider.Sqlite ? null : request.Connection };
            config.Write(folder.ConfigFile);
            var database = request.Database == DatabaseProvider.Sqlite
                ? DatabaseSettings.SqliteIn(staging)
                : new DatabaseSettings(request.Database, request.Connection!);

            string partyId;
            string password;
            await using (var services = CliServices.Open(folder, database, time))
            {
                using var scope = services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
                await db.Database.MigrateAsync(cancellationToken);
                if (await db.Parties.AnyAsync(p => p.IsSelf, cancellationToken))
                {
                    throw new CliException("that database already holds a node; give 'init' an empty database");
                }

                partyId = StixId.NewRandom("identity").ToString();
                db.Parties.Add(new Party(partyId, request.PartyName.Trim(), country, isSelf: true, time.GetUtcNow().UtcDateTime));
                await db.SaveChangesAsync(cancellationToken);

                var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
                await audit.AppendAsync(new AuditRecord("cli", "node.init", "success", partyId,
                    new JsonObject { ["party"] = request.PartyName.Trim(), ["country"] = country, ["key"] = fingerprint }), cancellationToken);

                var admin = scope.ServiceProvider.GetRequiredService<UserAdministration>();
                await admin.EnsureRolesAsync();
                password = await admin.AddAsync(request.AdminUserName, "Administrator", [Roles.Administrator], "cli");
            }

            // Close pooled connections so SQLite folds its WAL back into the file before the folder moves.
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
            return new Result(target, partyId, fingerprint, request.AdminUserName, password, tlsFingerprint);
        }
        catch
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private static string Validate(Request request, string target)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new CliException($"{target} already exists and is not empty; choose a new --data folder");
        }

        if (File.Exists(target))
        {
            throw new CliException($"{target} is a file; choose a new --data folder");
        }

        if (string.IsNullOrWhiteSpace(request.PartyName) || request.PartyName.Trim().Length > 200)
        {
            throw new CliException("--party-name must be 1 to 200 characters");
        }

        var country = request.Country.Trim().ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper) || !IsRegion(country))
        {
            throw new CliException($"--country '{request.Country}' is not an ISO 3166-1 alpha-2 code (e.g. IR, PK)");
        }

        if (string.IsNullOrWhiteSpace(request.AdminUserName) || request.AdminUserName.Length > 64 || !request.AdminUserName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw new CliException("--admin must be 1 to 64 letters, digits, '.', '-' or '_'");
        }

        if (request.Database == DatabaseProvider.Postgres && string.IsNullOrWhiteSpace(request.Connection))
        {
            throw new CliException("--connection is required with --database postgres");
        }

        return country;
    }

    private static bool IsRegion(string code)
    {
        try
        {
            return new RegionInfo(code).TwoLetterISORegionName == code;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
