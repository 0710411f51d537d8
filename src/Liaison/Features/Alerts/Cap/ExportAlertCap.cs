using System.Text.Json;
using Liaison.Exchange;
using Liaison.Protocol.Cap;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Alerts.Cap;

/// <summary>
/// An alert's current version, or one party's acknowledgement of it, as a CAP 1.2 document for systems that speak
/// CAP rather than STIX (public warning gateways, other agencies' consoles). Served as <c>application/xml</c> with a
/// file name, since <c>application/cap+xml</c> is not a registered media type.
/// </summary>
public static class ExportAlertCap
{
    public static async Task<Results<FileContentHttpResult, NotFound>> AlertAsync(string id, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var alert = await FindAsync(db, id, cancellationToken);
        if (alert is null)
        {
            return TypedResults.NotFound();
        }

        var cap = AlertCap.ToCap(alert, await VersionsAsync(db, alert.StixId, cancellationToken));
        return File(cap);
    }

    /// <summary><paramref name="acknowledgement"/> is the acknowledgement's id or the acknowledging party's identity id.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> AcknowledgementAsync(
        string id, string acknowledgement, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var alert = await FindAsync(db, id, cancellationToken);
        var recipient = alert?.Recipients.FirstOrDefault(r => r.IsAcknowledged && (r.AcknowledgementId == acknowledgement || r.Party.StixId == acknowledgement));
        if (alert is null || recipient is null)
        {
            return TypedResults.NotFound();
        }

        return File(AlertCap.AcknowledgementToCap(alert, recipient, await VersionsAsync(db, alert.StixId, cancellationToken)));
    }

    /// <summary>Every version of the alert this node holds, from the exchange's store of STIX versions.</summary>
    public static async Task<IReadOnlyList<AlertVersion>> VersionsAsync(LiaisonDbContext db, string stixId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var stored = await db.Set<SharedObject>().AsNoTracking().Where(o => o.StixId == stixId)
            .Select(o => new { o.VersionAt, o.Json }).ToListAsync(cancellationToken);
        return [.. stored.Select(o => new AlertVersion(RevisionOf(o.Json), o.VersionAt)).DistinctBy(v => v.Revision).OrderBy(v => v.Revision)];
    }

    private static int RevisionOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("revision", out var revision) && revision.TryGetInt32(out var value) ? value : 1;
    }

    private static Task<Alert?> FindAsync(LiaisonDbContext db, string id, CancellationToken cancellationToken) =>
        db.Set<Alert>().AsNoTracking().Include(a => a.OriginParty).Include(a => a.Recipients).ThenInclude(r => r.Party)
            .SingleOrDefaultAsync(a => a.StixId == id, cancellationToken);

    private static FileContentHttpResult File(CapAlert cap) =>
        TypedResults.File(CapWriter.Write(cap), CapWriter.MediaType, $"{cap.Identifier}.cap.xml");
}
