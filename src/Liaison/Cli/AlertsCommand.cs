using System.CommandLine;
using System.Security.Claims;
using Liaison.Accounts;
using Liaison.Audit;
using Liaison.Features.Alerts.Cap;
using Liaison.Live;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging.Abstractions;

namespace Liaison.Cli;

/// <summary><c>liaison alerts import &lt;file&gt;</c>: raises an alert on this node from a CAP 1.2 document.</summary>
internal static class AlertsCommand
{
    public static Command Create(CliContext context)
    {
        var common = new CommonOptions();
        var file = new Argument<FileInfo>("file") { Description = "A CAP 1.2 document (msgType Alert)" };
        var import = new Command("import", "Raise an alert from a CAP 1.2 document; it is shared with partners like one raised at the desk") { file };
        common.AddTo(import);
        import.SetAction(async (parsed, cancellationToken) =>
        {
            var (folder, database) = common.Resolve(parsed);
            var path = parsed.GetRequiredValue(file);
            using var key = NodeKey.Load(folder.KeyFile);
            await using var db = StorageSetup.CreateContext(database);
            var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "cli"), new Claim(ClaimTypes.Role, Roles.LiaisonOfficer)], "cli"));
            await using var stream = path.OpenRead();
            var result = await ImportAlertCap.ImportAsync(stream, db, context.Time, new DeskEvents(NullLogger<DeskEvents>.Instance), user, cancellationToken);
            switch (result.Result)
            {
                case Created<Features.Alerts.AlertView> created:
                    var alert = created.Value!;
                    await AuditLog.AppendAsync(db, new AuditRecord("cli", "alert.import-cap", "ok", alert.Id), key, context.Time, cancellationToken);
                    await context.Output.WriteLineAsync($"Raised {alert.Id} ({alert.Precedence}) from {path.Name}");
                    return 0;
                case ValidationProblem problem:
                    var errors = problem.ProblemDetails.Errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}");
                    throw new CliException($"{path.Name}: {string.Join(" | ", errors)}".ReplaceLineEndings(" "));
                case ProblemHttpResult problem:
                    throw new CliException($"{path.Name}: {problem.ProblemDetails.Title}: {problem.ProblemDetails.Detail}".ReplaceLineEndings(" "));
                default:
                    throw new CliException($"{path.Name}: the alert was not raised");
            }
        });
        return new Command("alerts", "Alerts to partner parties") { import };
    }
}
