using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Features.Incidents;

/// <summary>
/// An incident report and its lifecycle: draft → published → revised → retracted. Only a draft changes in
/// place; publishing, revising and retracting each add an <see cref="IncidentVersion"/>, and earlier versions
/// are never touched. The columns beside <see cref="ContentJson"/> are copies of the current version kept
/// for map and list queries.
/// </summary>
public sealed class IncidentReport
{
    private IncidentReport()
    {
    }

    public int Id { get; private set; }

    /// <summary><c>incident--uuid</c>, the same on every node that holds the record.</summary>
    public string StixId { get; private set; } = "";

    public int OriginPartyId { get; private set; }

    public Party OriginParty { get; private set; } = null!;

    public IncidentStatus Status { get; private set; }

    /// <summary>0 while a draft was never published; then 1, 2, … for each published version.</summary>
    public int VersionNumber { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>STIX <c>modified</c> of the current version.</summary>
    public DateTime ModifiedAt { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public string? RetractionReason { get; private set; }

    public string ContentJson { get; private set; } = "";

    public string Title { get; private set; } = "";

    public DateTime OccurredStart { get; private set; }

    public DateTime OccurredLast { get; private set; }

    public double? Latitude { get; private set; }

    public double? Longitude { get; private set; }

    public string? SectorCode { get; private set; }

    public IncidentCategory Category { get; private set; }

    public TlpLevel Tlp { get; private set; }

    public string SearchText { get; private set; } = "";

    public List<IncidentVersion> Versions { get; private set; } = [];

    public IncidentContent Content => IncidentContent.FromJson(ContentJson);

    public static IncidentReport Draft(Party origin, IncidentContent content, string author, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(origin);
        var report = new IncidentReport
        {
            StixId = Protocol.Stix.StixId.NewRandom(Incident.TypeName).ToString(),
            OriginParty = origin,
            Status = IncidentStatus.Draft,
            CreatedAt = now,
            CreatedBy = author,
        };
        report.Apply(content, now);
        return report;
    }

    /// <summary>
    /// A partner's report as first received. Only its originator issues versions (STIX 2.1 §3.6), so versions are
    /// taken as they come, in whatever order: the one with the latest <c>modified</c> is current.
    /// </summary>
    public static IncidentReport Received(Party origin, IncidentStix.Snapshot version)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(version);
        var report = new IncidentReport
        {
            StixId = version.Id,
            OriginParty = origin,
            CreatedAt = version.Created,
            CreatedBy = origin.Name,
            ModifiedAt = DateTime.MinValue,
        };
        report.Receive(version);
        return report;
    }

    /// <summary>Records a received version; a late older one joins the history without becoming current.</summary>
    public void Receive(IncidentStix.Snapshot version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (Versions.Any(v => v.ModifiedAt == version.Modified))
        {
            return;
        }

        var content = version.Content with { Recipients = [] };
        Versions.Add(new IncidentVersion(version.Version, version.Status, version.Modified, OriginParty.Name, content.ToJson(), version.RetractionReason));
        if (version.Modified > ModifiedAt)
        {
            Apply(content, version.Modified);
            ModifiedAt = version.Modified;
            Status = version.Status;
            VersionNumber = version.Version;
            RetractionReason = version.RetractionReason;
        }
    }

    public void EditDraft(IncidentContent content, DateTime now)
    {
        Require(IncidentStatus.Draft);
        Apply(content, now);
    }

    public IncidentVersion Publish(string by, DateTime now)
    {
        Require(IncidentStatus.Draft);
        Status = IncidentStatus.Published;
        return AddVersion(by, now);
    }

    public IncidentVersion Revise(IncidentContent content, string by, DateTime now)
    {
        Require(IncidentStatus.Published);
        Apply(content, now);
        return AddVersion(by, now);
    }

    public IncidentVersion Retract(string reason, string by, DateTime now)
    {
        Require(IncidentStatus.Published);
        Status = IncidentStatus.Retracted;
        RetractionReason = reason;
        return AddVersion(by, now);
    }

    private void Require(IncidentStatus status)
    {
        if (Status != status)
        {
            throw new InvalidOperationException($"incident {StixId} is {Status}, not {status}");
        }
    }

    private IncidentVersion AddVersion(string by, DateTime now)
    {
        // STIX 2.1 §3.6: each new version has a later `modified`; keep it strictly increasing even if the clock is not.
        ModifiedAt = now > ModifiedAt ? now : ModifiedAt.AddMilliseconds(1);
        VersionNumber++;
        var version = new IncidentVersion(VersionNumber, Status, ModifiedAt, by, ContentJson, RetractionReason);
        Versions.Add(version);
        return version;
    }

    private void Apply(IncidentContent content, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(content);
        ContentJson = content.ToJson();
        Title = content.Title;
        OccurredStart = content.Occurred.Start;
        OccurredLast = content.Occurred.Last;
        Latitude = content.Location.Latitude;
        Longitude = content.Location.Longitude;
        SectorCode = content.Location.Sector;
        Category = content.Category;
        Tlp = content.Tlp;
        SearchText = content.SearchText();
        ModifiedAt = now > ModifiedAt ? now : ModifiedAt;
    }
}

/// <summary>One published state of a report, immutable once written.</summary>
public sealed class IncidentVersion
{
    private IncidentVersion()
    {
    }

    internal IncidentVersion(int number, IncidentStatus status, DateTime modifiedAt, string recordedBy, string contentJson, string? retractionReason)
    {
        Number = number;
        Status = status;
        ModifiedAt = modifiedAt;
        RecordedBy = recordedBy;
        ContentJson = contentJson;
        RetractionReason = retractionReason;
    }

    public int Id { get; private set; }

    public int IncidentId { get; private set; }

    public int Number { get; private set; }

    public IncidentStatus Status { get; private set; }

    public DateTime ModifiedAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public string ContentJson { get; private set; } = "";

    public string? RetractionReason { get; private set; }
}

internal sealed class IncidentReportConfiguration : IEntityTypeConfiguration<IncidentReport>
{
    public void Configure(EntityTypeBuilder<IncidentReport> builder)
    {
        builder.ToTable("incidents");
        builder.Property(i => i.StixId).HasMaxLength(100);
        builder.HasIndex(i => i.StixId).IsUnique();
        builder.HasOne(i => i.OriginParty).WithMany().HasForeignKey(i => i.OriginPartyId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Category).HasConversion<string>().HasMaxLength(40);
        builder.Property(i => i.Tlp).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.CreatedBy).HasMaxLength(200);
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.SectorCode).HasMaxLength(32);
        builder.Property(i => i.RetractionReason).HasMaxLength(2000);
        builder.HasIndex(i => new { i.OccurredStart, i.Id });
        builder.HasIndex(i => new { i.Latitude, i.Longitude });
        builder.HasMany(i => i.Versions).WithOne().HasForeignKey(v => v.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Versions).AutoInclude(false);
    }
}

internal sealed class IncidentVersionConfiguration : IEntityTypeConfiguration<IncidentVersion>
{
    public void Configure(EntityTypeBuilder<IncidentVersion> builder)
    {
        builder.ToTable("incident_versions");
        builder.HasIndex(v => new { v.IncidentId, v.Number }).IsUnique();
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.RecordedBy).HasMaxLength(200);
        builder.Property(v => v.RetractionReason).HasMaxLength(2000);
    }
}
