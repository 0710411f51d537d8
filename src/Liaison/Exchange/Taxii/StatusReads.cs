using System.Text;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Exchange.Taxii;

/// <summary>Get Status (TAXII 2.1 §4.3): a status this node issued, to the requester it was issued to and nobody else.</summary>
public static class StatusReads
{
    public static async Task<IResult> GetAsync(string statusId, HttpContext http, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var requester = TaxiiRequester.Of(http);
        var json = Guid.TryParse(statusId, out var id)
            ? await db.TaxiiStatuses.AsNoTracking()
                .Where(s => s.Id == id.ToString() && s.Requester == requester.Key)
                .Select(s => s.Json).SingleOrDefaultAsync(cancellationToken)
            : null;
        // Another requester's status is answered as missing: its existence is not theirs to learn.
        return json is null
            ? TaxiiResult.Error(StatusCodes.Status404NotFound, "Status not found", "No status with this id was issued to you.")
            : TaxiiResult.Raw(Encoding.UTF8.GetBytes(json));
    }
}
