using System.CommandLine;
using Liaison.Audit;
using Liaison.Protocol.Signing;
using Liaison.Storage;

namespace Liaison.Cli;

internal static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var verify = new Command("verify", "Check the audit chain: prints OK with the row count, or the first row that was tampered with");
        common.AddTo(verify);
        verify.SetAction(async (parsed, cancellationToken) =>
        {
            var (folder, database) = common.Resolve(parsed);
            using var key = NodeKey.Load(folder.KeyFile);
            await using var db = StorageSetup.CreateContext(database);
            var result = await AuditVerifier.VerifyAsync(db, key.PublicKey, cancellationToken);
            await (result.Ok ? context.Output : context.Error).WriteLineAsync(result.Ok ? result.Message : $"TAMPERED: {result.Message}");
            return result.Ok ? 0 : 3;
        });
        return new Command("audit", "The tamper-evident audit chain") { verify };
    }
}
