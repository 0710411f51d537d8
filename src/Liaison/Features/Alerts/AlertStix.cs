using Liaison.Features.Exports;
using Liaison.Protocol.Stix;

namespace Liaison.Features.Alerts;

/// <summary>
/// An alert version as a <c>liaison-alert</c>, and an acknowledgement as a <c>liaison-acknowledgement</c>, each
/// issued by its own party and marked with the alert's TLP 2.0 definition.
/// </summary>
public static class AlertStix
{
    public static LiaisonAlert ToStix(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new LiaisonAlert
        {
            Id = StixId.Parse(alert.StixId),
            Created = Utc(alert.CreatedAt),
            Modified = Utc(alert.ModifiedAt),
            CreatedByRef = StixId.Parse(alert.OriginParty.StixId),
            ObjectMarkingRefs = [Tlp.IdOf(alert.Tlp)],
            Precedence = Precedences.Name(alert.Precedence),
            Title = alert.Title,
            Description = alert.Description,
            Area = alert.Area?.ToNode(),
            SectorCodes = alert.SectorCodes.Count == 0 ? null : [.. alert.SectorCodes],
            ValidFrom = Utc(alert.ValidFrom),
            ValidUntil = Utc(alert.ValidUntil),
            Status = Wire(alert.Status),
            Revision = alert.Revision,
            StatusReason = alert.StatusReason,
            AcknowledgeBy = alert.Recipients.ToDictionary(r => StixId.Parse(r.Party.StixId), r => Utc(r.Deadline)),
        };
    }

    /// <summary>What a received version says, as this node stores it; the recipients are the parties given deadlines.</summary>
    public static AlertContent ContentOf(LiaisonAlert stix)
    {
        ArgumentNullException.ThrowIfNull(stix);
        return new AlertContent(
            Precedences.Parse(stix.Precedence) ?? Precedence.Routine,
            stix.Title,
            stix.Description,
            stix.Area is null ? null : new AlertArea((string)stix.Area["type"]!, StixJson.ToJsonString(stix.Area)),
            stix.SectorCodes ?? [],
            stix.ValidFrom.UtcDateTime,
            stix.ValidUntil.UtcDateTime,
            Tlp.StrictestOf(stix.ObjectMarkingRefs) ?? TlpLevel.Amber,
            [.. stix.AcknowledgeBy.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal)]);
    }

    /// <summary>The one acknowledgement a party may give an alert has an id derived from both (RFC 9562 v5), so a retry can never mint a second.</summary>
    public static StixId AcknowledgementIdOf(string alertId, string partyIdentity) =>
        StixExport.DerivedId(LiaisonAcknowledgement.TypeName, partyIdentity, alertId);

    public static LiaisonAcknowledgement Acknowledgement(Alert alert, AlertRecipient state)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(state);
        var at = Utc(state.AcknowledgedAt ?? throw new InvalidOperationException("not acknowledged"));
        return new LiaisonAcknowledgement
        {
            Id = StixId.Parse(state.AcknowledgementId!),
            Created = at,
            Modified = at,
            CreatedByRef = StixId.Parse(state.Party.StixId),
            ObjectMarkingRefs = [Tlp.IdOf(alert.Tlp)],
            AlertRef = StixId.Parse(alert.StixId),
            Acknowledged = at,
            AcknowledgedBy = state.AcknowledgedBy ?? "",
            Response = state.Response,
            ActionTaken = state.ActionTaken,
        };
    }

    public static string Wire(AlertStatus status) => status.ToString().ToLowerInvariant();

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);
}
