using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Sectors;

public static class DeletePost
{
    public static async Task<Results<NoContent, NotFound>> HandleAsync(string code, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var normalised = SectorCode.Normalize(code);
        var deleted = await db.Posts.Where(p => p.Code == normalised).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }
}
