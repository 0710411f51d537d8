using Liaison.Exchange;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Officers;

/// <summary>
/// What a node upgraded from a release without party rosters needs, run at start-up right after the migrations.
/// The migration that adds <see cref="Officer.PartyId"/> fills existing rows with the column default
/// <see cref="FirstPartyId"/>, which lets PostgreSQL add the foreign key; this step then makes sure every own
/// officer names the self party, and shares the roster the partner has never been sent.
/// </summary>
public static class RosterUpgrade
{
    /// <summary>
    /// <c>liaison init</c> writes the self party as the first row of an empty database, before any partner exists,
    /// so on every node it has id 1: the column default puts pre-upgrade officers on the node's own roster.
    /// </summary>
    public const int FirstPartyId = 1;

    /// <summary>Idempotent; a no-op on a node that has no party yet or nothing to fix.</summary>
    public static async Task RunAsync(LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var self = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.IsSelf, cancellationToken);
        if (self is null)
        {
            return;
        }

        // Own officers are exactly the rows without a STIX id: a partner's officer always carries the id its party gave it.
        await db.Officers.Where(o => o.StixId == null && o.PartyId != self.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.PartyId, self.Id), cancellationToken);

        int shared;
        await using (var transaction = await Feed.BeginAsync(db, cancellationToken))
        {
            shared = await RosterSharing.ShareUnsharedAsync(db, time, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (shared > 0)
        {
            Relay.Poke();
        }
    }
}
