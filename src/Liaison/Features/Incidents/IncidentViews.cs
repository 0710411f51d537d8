namespace Liaison.Features.Incidents;

/// <summary>What the API answers for one incident report.</summary>
public sealed record IncidentView(
    string Id,
    string Status,
    int Version,
    DateTime CreatedAt,
    DateTime ModifiedAt,
    string CreatedBy,
    PartyRef OriginParty,
    bool ReadOnly,
    string? RetractionReason,
    IncidentContent Content,
    IReadOnlyList<VersionSummary>? Versions = null)
{
    public static IncidentView Of(IncidentReport report, bool readOnly, IReadOnlyList<VersionSummary>? versions = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(report.StixId, IncidentValidation.WireName(report.Status), report.VersionNumber, report.CreatedAt, report.ModifiedAt, report.CreatedBy,
            new PartyRef(report.OriginParty.StixId, report.OriginParty.Name, report.OriginParty.Country), readOnly, report.RetractionReason, report.Content, versions);
    }
}

public sealed record PartyRef(string Id, string Name, string Country);

public sealed record VersionSummary(int Number, string Status, DateTime ModifiedAt, string RecordedBy, string? RetractionReason);

/// <summary>One earlier version exactly as it was recorded.</summary>
public sealed record VersionView(string Id, int Number, string Status, DateTime ModifiedAt, string RecordedBy, string? RetractionReason, IncidentContent Content)
{
    public static VersionView Of(string id, IncidentVersion v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new(id, v.Number, IncidentValidation.WireName(v.Status), v.ModifiedAt, v.RecordedBy, v.RetractionReason, IncidentContent.FromJson(v.ContentJson));
    }
}
