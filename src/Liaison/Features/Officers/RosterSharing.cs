using System.Text.Json;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Features.Sectors;
using Liaison.Live;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Officers;

/// <summary>
/// How the roster travels (DESIGN §1 "each party releases its own roster to the partner"). Saving or deleting an
/// own officer or shift shares its new version (a revocation for a deletion) in the same transaction; what arrives
/// from a partner becomes read-only rows of that partner's roster. Versions may arrive in any order, so the
/// receiving side always rebuilds a row from the newest version it holds, and a shift that arrives before its officer
/// is applied when the officer comes.
/// </summary>
public static class RosterSharing
{
    /// <summary>Signals the desk's duty views listen to.</summary>
    public const string Topic = "roster";

    public static async Task<IReadOnlyList<Feed.Outgoing>> OfficerAsync(LiaisonDbContext db, Officer officer, DateTime? revokedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        return [new(PartyStix.Identity(self), []), new(RosterStix.Officer(officer, self, revokedAt), [])];
    }

    public static async Task<IReadOnlyList<Feed.Outgoing>> ShiftAsync(LiaisonDbContext db, DutyShift shift, DateTime? revokedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        return [new(PartyStix.Identity(self), []), new(RosterStix.Shift(shift, self, revokedAt), [])];
    }

    /// <summary>
    /// Shares every own officer, and every own shift that has not ended more than <see cref="DutyShift.MaxLength"/>
    /// ago, whose roster entry is not in the shared store yet: a node upgraded from a release without the roster
    /// exchange, or a seeded demo roster. Must run inside <see cref="Feed.BeginAsync"/>'s transaction. Returns how
    /// many versions it shared.
    /// </summary>
    public static async Task<int> ShareUnsharedAsync(LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var self = await db.Parties.AsNoTracking().SingleOrDefaultAsync(p => p.IsSelf, cancellationToken);
        if (self is null)
        {
            return 0;
        }

        var horizon = time.GetUtcNow().UtcDateTime - DutyShift.MaxLength;
        var officers = await db.Officers.AsNoTracking().Include(o => o.Sector).Where(o => o.PartyId == self.Id).ToListAsync(cancellationToken);
        var shifts = await db.DutyShifts.AsNoTracking().Include(s => s.Officer).Include(s => s.Sector)
            .Where(s => s.Officer.PartyId == self.Id && s.End > horizon).ToListAsync(cancellationToken);
        var candidates = officers.Select(o => (IStixObject)RosterStix.Officer(o, self))
            .Concat(shifts.Select(s => (IStixObject)RosterStix.Shift(s, self))).ToList();
        var ids = candidates.Select(c => StoredStix.Of(c).Id).ToList();
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in ids.Chunk(500))
        {
            held.UnionWith(await db.SharedObjects.Where(o => chunk.Contains(o.StixId)).Select(o => o.StixId).ToListAsync(cancellationToken));
        }

        var missing = candidates.Where((_, i) => !held.Contains(ids[i])).ToList();
        if (missing.Count == 0)
        {
            return 0;
        }

        await Feed.ShareAsync(db, time, [new(PartyStix.Identity(self), []), .. missing.Select(m => new Feed.Outgoing(m, []))], cancellationToken);
        return missing.Count;
    }

    /// <summary>A partner's officer version: adds, revises or (revoked) removes the read-only row.</summary>
    public static async Task ReceiveOfficerAsync(LiaisonDbContext db, TimeProvider time, Party from, StoredStix stix, ICollection<DeskSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(stix);
        ArgumentNullException.ThrowIfNull(signals);
        if (await LatestAsync(db, stix.Id, from.Id, cancellationToken) is not { } json)
        {
            return;
        }

        var version = Parse(json, LiaisonOfficer.FromJson);
        var now = time.GetUtcNow().UtcDateTime;
        var party = await db.Parties.SingleAsync(p => p.Id == from.Id, cancellationToken);
        var row = await db.Officers.SingleOrDefaultAsync(o => o.StixId == stix.Id, cancellationToken);
        if (row is not null && row.PartyId != party.Id)
        {
            return;
        }

        if (version.Revoked)
        {
            if (row is not null)
            {
                // The partner takes shifts off before the officer; whatever of them is still here goes with the officer.
                db.DutyShifts.RemoveRange(await db.DutyShifts.Where(s => s.OfficerId == row.Id).ToListAsync(cancellationToken));
                db.Officers.Remove(row);
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        else if (row is null || row.StixModified < version.Modified.UtcDateTime)
        {
            var sector = version.SectorCode is { } code ? await db.Sectors.ByCodeAsync(code, cancellationToken) : null;
            var contacts = (version.Contacts ?? []).Select(c => new ContactChannel(c.Kind == "phone" ? ContactKind.Phone : ContactKind.Radio, Trim(c.Value, 100))).ToList();
            var details = new OfficerDetails(Trim(version.Name, 200), version.Rank is { } rank ? Trim(rank, 100) : null, null, sector, [], contacts);
            if (row is null)
            {
                row = new Officer(party, details, now);
                db.Officers.Add(row);
            }
            else
            {
                row.Revise(details, now);
            }

            row.ProjectedFrom(stix.Id, version.Modified.UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);

            // Shifts that arrived before their officer wait in the shared store; they can be shown now.
            var waiting = await db.SharedObjects.AsNoTracking()
                .Where(o => o.Type == LiaisonDutyShift.TypeName && o.IsLatest && !o.Revoked && o.OriginPartyId == party.Id && o.Json.Contains(stix.Id))
                .Select(o => o.Json).ToListAsync(cancellationToken);
            foreach (var shift in waiting)
            {
                await ApplyShiftAsync(db, party, Parse(shift, LiaisonDutyShift.FromJson), now, cancellationToken);
            }
        }

        signals.Add(new DeskSignal(Topic, stix.Id, party.StixId));
    }

    /// <summary>A partner's shift version: adds, moves or (revoked) removes the read-only row.</summary>
    public static async Task ReceiveShiftAsync(LiaisonDbContext db, TimeProvider time, Party from, StoredStix stix, ICollection<DeskSignal> signals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(stix);
        ArgumentNullException.ThrowIfNull(signals);
        if (await LatestAsync(db, stix.Id, from.Id, cancellationToken) is not { } json)
        {
            return;
        }

        var party = await db.Parties.SingleAsync(p => p.Id == from.Id, cancellationToken);
        await ApplyShiftAsync(db, party, Parse(json, LiaisonDutyShift.FromJson), time.GetUtcNow().UtcDateTime, cancellationToken);
        signals.Add(new DeskSignal(Topic, stix.Id, party.StixId));
    }

    private static async Task ApplyShiftAsync(LiaisonDbContext db, Party party, LiaisonDutyShift version, DateTime now, CancellationToken cancellationToken)
    {
        var id = version.Id.ToString();
        var row = await db.DutyShifts.Include(s => s.Officer).SingleOrDefaultAsync(s => s.StixId == id, cancellationToken);
        if (row is not null && row.Officer.PartyId != party.Id)
        {
            return;
        }

        if (row is not null && row.StixModified >= version.Modified.UtcDateTime && !version.Revoked)
        {
            return;
        }

        var officerId = version.OfficerRef.ToString();
        var officer = version.Revoked ? null : await db.Officers.SingleOrDefaultAsync(o => o.StixId == officerId && o.PartyId == party.Id, cancellationToken);
        var sector = version.Revoked ? null : await db.Sectors.ByCodeAsync(version.SectorCode, cancellationToken);
        var role = DutyRoles.Parse(version.Role);
        var (start, end) = (version.Start.UtcDateTime, version.End.UtcDateTime);
        // Revoked, or not showable here (officer not yet arrived, a sector this node does not know, longer than a
        // shift may be): no row. The version stays in the shared store and is applied once its officer arrives.
        if (officer is null || sector is null || role is null || end - start > DutyShift.MaxLength)
        {
            if (row is not null)
            {
                db.DutyShifts.Remove(row);
                await db.SaveChangesAsync(cancellationToken);
            }

            return;
        }

        if (row is not null && row.OfficerId != officer.Id)
        {
            db.DutyShifts.Remove(row);
            await db.SaveChangesAsync(cancellationToken);
            row = null;
        }

        if (row is null)
        {
            row = new DutyShift(officer, sector, role.Value, start, end, now);
            db.DutyShifts.Add(row);
        }
        else
        {
            row.Revise(sector, role.Value, start, end);
        }

        row.ProjectedFrom(id, version.Modified.UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The newest held version of <paramref name="id"/>, when the sending party issued it.</summary>
    private static Task<string?> LatestAsync(LiaisonDbContext db, string id, int partyId, CancellationToken cancellationToken) =>
        db.SharedObjects.AsNoTracking().Where(o => o.StixId == id && o.IsLatest && o.OriginPartyId == partyId)
            .Select(o => o.Json).FirstOrDefaultAsync(cancellationToken);

    private static string Trim(string text, int max) => text.Length > max ? text[..max] : text;

    private static T Parse<T>(string json, Func<JsonElement, T> read)
    {
        using var document = JsonDocument.Parse(json);
        return read(document.RootElement);
    }
}
