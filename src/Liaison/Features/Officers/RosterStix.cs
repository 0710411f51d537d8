using Liaison.Features.Exports;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;

namespace Liaison.Features.Officers;

/// <summary>
/// The roster a party releases to its partner (DESIGN §1): each own officer as a <c>liaison-officer</c> and each own
/// shift as a <c>liaison-duty-shift</c>, carrying only what a liaison counterpart needs — name, rank, sector, phone
/// and radio, and when and at which rung the officer is on duty. Unit, languages and e-mail stay on this node.
/// Marked TLP:AMBER like the officer identity (<see cref="OfficerStix.Marking"/>), released to every partner the
/// policy allows. Taking an officer or shift off the roster issues a revoked version (STIX 2.1 §3.6.3).
/// </summary>
public static class RosterStix
{
    /// <summary>A revocation must be a later version than the last one issued; same-instant edits move by 1 ms.</summary>
    public static DateTime LaterThan(DateTime last, DateTime now) => now > last ? now : last.AddMilliseconds(1);

    /// <summary>The id of an own officer's roster entry; a partner's officer keeps the id its party gave it.</summary>
    public static StixId OfficerIdOf(Officer officer, Party self)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(self);
        return officer.StixId is { } received ? StixId.Parse(received) : StixExport.DerivedId(LiaisonOfficer.TypeName, self.StixId, $"officer {officer.Id}");
    }

    public static StixId ShiftIdOf(DutyShift shift, Party self)
    {
        ArgumentNullException.ThrowIfNull(shift);
        ArgumentNullException.ThrowIfNull(self);
        return shift.StixId is { } received ? StixId.Parse(received) : StixExport.DerivedId(LiaisonDutyShift.TypeName, self.StixId, $"shift {shift.Id}");
    }

    /// <summary>Needs <see cref="Officer.Sector"/> loaded when the officer has one. <paramref name="revokedAt"/> issues the revocation.</summary>
    public static LiaisonOfficer Officer(Officer officer, Party self, DateTime? revokedAt = null)
    {
        ArgumentNullException.ThrowIfNull(officer);
        ArgumentNullException.ThrowIfNull(self);
        var contacts = officer.Contacts.Where(c => c.Kind is ContactKind.Phone or ContactKind.Radio)
            .Select(c => new LiaisonContact(c.Kind == ContactKind.Phone ? "phone" : "radio", c.Value)).ToList();
        return new LiaisonOfficer
        {
            Id = OfficerIdOf(officer, self),
            Created = Utc(officer.CreatedAt),
            Modified = Utc(revokedAt is { } at ? LaterThan(officer.UpdatedAt, at) : officer.UpdatedAt),
            CreatedByRef = StixId.Parse(self.StixId),
            Revoked = revokedAt is not null,
            ObjectMarkingRefs = [Tlp.IdOf(OfficerStix.Marking)],
            Name = officer.FullName,
            Rank = officer.Rank,
            SectorCode = officer.Sector?.Code,
            Contacts = contacts.Count == 0 ? null : contacts,
        };
    }

    /// <summary>Needs <see cref="DutyShift.Officer"/> and <see cref="DutyShift.Sector"/> loaded. Own shifts are never revised, only taken off.</summary>
    public static LiaisonDutyShift Shift(DutyShift shift, Party self, DateTime? revokedAt = null)
    {
        ArgumentNullException.ThrowIfNull(shift);
        ArgumentNullException.ThrowIfNull(self);
        return new LiaisonDutyShift
        {
            Id = ShiftIdOf(shift, self),
            Created = Utc(shift.CreatedAt),
            Modified = Utc(revokedAt is { } at ? LaterThan(shift.CreatedAt, at) : shift.CreatedAt),
            CreatedByRef = StixId.Parse(self.StixId),
            Revoked = revokedAt is not null,
            ObjectMarkingRefs = [Tlp.IdOf(OfficerStix.Marking)],
            OfficerRef = OfficerIdOf(shift.Officer, self),
            SectorCode = shift.Sector.Code,
            Role = DutyRoles.Name(shift.Role),
            Start = Utc(shift.Start),
            End = Utc(shift.End),
        };
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);
}
