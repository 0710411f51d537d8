using System.Globalization;
using System.Text.Json.Nodes;

namespace Liaison.Protocol.Stix;

/// <summary>What kind of incident it is (Liaison incident extension, <c>category</c>).</summary>
public enum IncidentCategory
{
    /// <summary><c>armed-clash</c>: an exchange of fire between armed groups.</summary>
    ArmedClash,

    /// <summary><c>attack-on-security-forces</c>.</summary>
    AttackOnSecurityForces,

    /// <summary><c>attack-on-civilians</c>.</summary>
    AttackOnCivilians,

    /// <summary><c>cross-border-strike</c>.</summary>
    CrossBorderStrike,

    /// <summary><c>bombing-ied</c>: a bombing or improvised explosive device.</summary>
    BombingIed,

    /// <summary><c>kidnapping</c>.</summary>
    Kidnapping,

    /// <summary><c>smuggling-interdiction</c>.</summary>
    SmugglingInterdiction,

    /// <summary><c>border-violation</c>.</summary>
    BorderViolation,

    /// <summary><c>other</c>.</summary>
    Other,
}

/// <summary>How precisely <see cref="IncidentOccurrence"/> is known.</summary>
public enum OccurrencePrecision
{
    /// <summary><c>minute</c>: <c>start</c> is right to the minute.</summary>
    Minute,

    /// <summary><c>day</c>: only the (UTC) day of <c>start</c> is known.</summary>
    Day,

    /// <summary><c>month</c>: only the (UTC) month of <c>start</c> is known.</summary>
    Month,

    /// <summary><c>range</c>: it happened some time between <c>start</c> and <c>end</c> (required).</summary>
    Range,
}

/// <summary>The publication state of an incident record.</summary>
public enum IncidentStatus
{
    /// <summary><c>draft</c>: not yet confirmed by the originator.</summary>
    Draft,

    /// <summary><c>published</c>.</summary>
    Published,

    /// <summary><c>retracted</c>: withdrawn; <c>retraction_reason</c> says why.</summary>
    Retracted,
}

/// <summary>Admiralty code source reliability (NATO AJP-2.1): A completely reliable … F cannot be judged.</summary>
public enum SourceReliability
{
    /// <summary>Completely reliable.</summary>
    A,

    /// <summary>Usually reliable.</summary>
    B,

    /// <summary>Fairly reliable.</summary>
    C,

    /// <summary>Not usually reliable.</summary>
    D,

    /// <summary>Unreliable.</summary>
    E,

    /// <summary>Reliability cannot be judged.</summary>
    F,
}

/// <summary>When an incident happened (<c>occurred</c>).</summary>
public sealed record IncidentOccurrence
{
    /// <summary>The start, or the time, of the incident.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>The end; required for <see cref="OccurrencePrecision.Range"/>, optional otherwise; never before <see cref="Start"/>.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>How precisely the time is known.</summary>
    public required OccurrencePrecision Precision { get; init; }
}

/// <summary>Killed and injured counts for one group: <see langword="null"/> means not reported, 0 means none.</summary>
public sealed record CasualtyCount
{
    /// <summary>The number killed, or <see langword="null"/> when not reported.</summary>
    public int? Killed { get; init; }

    /// <summary>The number injured, or <see langword="null"/> when not reported.</summary>
    public int? Injured { get; init; }
}

/// <summary>Casualties by group; a <see langword="null"/> group was not reported.</summary>
public sealed record IncidentCasualties
{
    /// <summary><c>security_forces</c>.</summary>
    public CasualtyCount? SecurityForces { get; init; }

    /// <summary><c>civilians</c>.</summary>
    public CasualtyCount? Civilians { get; init; }

    /// <summary><c>militants</c>.</summary>
    public CasualtyCount? Militants { get; init; }

    /// <summary><c>unknown</c>: people whose group is not known.</summary>
    public CasualtyCount? Unknown { get; init; }
}

/// <summary>A source an incident report is based on.</summary>
public sealed record IncidentSource
{
    /// <summary>The source's name, such as a newspaper or a unit.</summary>
    public required string Name { get; init; }

    /// <summary>A URL of the report, when public.</summary>
    public string? Url { get; init; }

    /// <summary>When the source published it.</summary>
    public DateTimeOffset? Published { get; init; }
}

/// <summary>
/// Liaison's property extension of the STIX <c>incident</c> (STIX 2.1 §7.3 property-extension), keyed by
/// <see cref="LiaisonExtensions.IncidentExtensionId"/>. docs/protocol/stix-mapping.md documents every property;
/// docs/protocol/incident-extension.schema.json is its JSON Schema.
/// </summary>
public sealed record LiaisonIncidentExtension
{
    /// <summary>The largest casualty count accepted.</summary>
    public const int MaxCasualties = 1_000_000;

    internal static readonly IReadOnlyDictionary<string, IncidentCategory> Categories = new Dictionary<string, IncidentCategory>(StringComparer.Ordinal)
    {
        ["armed-clash"] = IncidentCategory.ArmedClash,
        ["attack-on-security-forces"] = IncidentCategory.AttackOnSecurityForces,
        ["attack-on-civilians"] = IncidentCategory.AttackOnCivilians,
        ["cross-border-strike"] = IncidentCategory.CrossBorderStrike,
        ["bombing-ied"] = IncidentCategory.BombingIed,
        ["kidnapping"] = IncidentCategory.Kidnapping,
        ["smuggling-interdiction"] = IncidentCategory.SmugglingInterdiction,
        ["border-violation"] = IncidentCategory.BorderViolation,
        ["other"] = IncidentCategory.Other,
    };

    internal static readonly IReadOnlyDictionary<string, OccurrencePrecision> Precisions = new Dictionary<string, OccurrencePrecision>(StringComparer.Ordinal)
    {
        ["minute"] = OccurrencePrecision.Minute,
        ["day"] = OccurrencePrecision.Day,
        ["month"] = OccurrencePrecision.Month,
        ["range"] = OccurrencePrecision.Range,
    };

    internal static readonly IReadOnlyDictionary<string, IncidentStatus> Statuses = new Dictionary<string, IncidentStatus>(StringComparer.Ordinal)
    {
        ["draft"] = IncidentStatus.Draft,
        ["published"] = IncidentStatus.Published,
        ["retracted"] = IncidentStatus.Retracted,
    };

    internal static readonly IReadOnlyDictionary<string, SourceReliability> Reliabilities = Enum.GetValues<SourceReliability>()
        .ToDictionary(r => r.ToString(), r => r, StringComparer.Ordinal);

    /// <summary><c>occurred</c>: when it happened. Required.</summary>
    public required IncidentOccurrence Occurred { get; init; }

    /// <summary><c>category</c>. Required.</summary>
    public required IncidentCategory Category { get; init; }

    /// <summary><c>place_name</c>: the place as reported, in the reporter's words.</summary>
    public string? PlaceName { get; init; }

    /// <summary><c>sector_code</c>: the agreed border sector code, such as <c>N-04</c>.</summary>
    public string? SectorCode { get; init; }

    /// <summary><c>latitude</c> in decimal degrees (WGS 84), −90 to 90; given together with <see cref="Longitude"/>.</summary>
    public double? Latitude { get; init; }

    /// <summary><c>longitude</c> in decimal degrees (WGS 84), −180 to 180; given together with <see cref="Latitude"/>.</summary>
    public double? Longitude { get; init; }

    /// <summary><c>location_ref</c>: a <c>location</c> object for the place (usually also linked by a <c>located-at</c> relationship).</summary>
    public StixId? LocationRef { get; init; }

    /// <summary><c>casualties</c>; <see langword="null"/> when none were reported.</summary>
    public IncidentCasualties? Casualties { get; init; }

    /// <summary><c>perpetrators_text</c>: who did it, as reported.</summary>
    public string? PerpetratorsText { get; init; }

    /// <summary><c>targets_text</c>: who or what was targeted, as reported.</summary>
    public string? TargetsText { get; init; }

    /// <summary><c>sources</c>: what the report is based on.</summary>
    public IReadOnlyList<IncidentSource>? Sources { get; init; }

    /// <summary><c>reliability</c>: Admiralty source reliability, <c>A</c>–<c>F</c>.</summary>
    public SourceReliability? Reliability { get; init; }

    /// <summary><c>credibility</c>: Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged).</summary>
    public int? Credibility { get; init; }

    /// <summary><c>status</c>. Required.</summary>
    public required IncidentStatus Status { get; init; }

    /// <summary><c>retraction_reason</c>: required when, and only when, <see cref="Status"/> is retracted.</summary>
    public string? RetractionReason { get; init; }

    /// <summary><c>version_number</c>: the originator's version counter of the record, from 1.</summary>
    public required int VersionNumber { get; init; }

    internal JsonObject ToJson(StixId owner)
    {
        InvalidOperationException Invalid(string property, string message) => new($"{owner}: Liaison incident extension {property}: {message}");

        if (Occurred.Precision == OccurrencePrecision.Range && Occurred.End is null)
        {
            throw Invalid("occurred.end", "is required when precision is range.");
        }

        if (Occurred.End < Occurred.Start)
        {
            throw Invalid("occurred.end", "must not be before start.");
        }

        if ((Latitude is null) != (Longitude is null))
        {
            throw Invalid("latitude", "latitude and longitude go together.");
        }

        if (Latitude is < -90 or > 90 || Longitude is < -180 or > 180 || Latitude is { } lat && !double.IsFinite(lat) || Longitude is { } lon && !double.IsFinite(lon))
        {
            throw Invalid("latitude", "must be within [-90, 90] and longitude within [-180, 180].");
        }

        if (Credibility is < 1 or > 6)
        {
            throw Invalid("credibility", $"must be between 1 and 6, not {Credibility}.");
        }

        if (VersionNumber < 1)
        {
            throw Invalid("version_number", $"must be at least 1, not {VersionNumber}.");
        }

        if ((Status == IncidentStatus.Retracted) != (RetractionReason is not null))
        {
            throw Invalid("retraction_reason", "is required when, and only when, status is retracted.");
        }

        var json = new JsonObject { ["extension_type"] = "property-extension" };
        var occurred = new JsonObject { ["start"] = StixTimestamp.Format(Occurred.Start) };
        if (Occurred.End is { } end)
        {
            occurred["end"] = StixTimestamp.Format(end);
        }

        occurred["precision"] = Name(Precisions, Occurred.Precision);
        json["occurred"] = occurred;
        json["category"] = Name(Categories, Category);
        json.SetOptional("place_name", PlaceName);
        json.SetOptional("sector_code", SectorCode);
        if (Latitude is { } latitude && Longitude is { } longitude)
        {
            json["latitude"] = latitude;
            json["longitude"] = longitude;
        }

        json.SetOptional("location_ref", LocationRef);
        if (Casualties is not null)
        {
            var casualties = new JsonObject();
            AddGroup(casualties, "security_forces", Casualties.SecurityForces, Invalid);
            AddGroup(casualties, "civilians", Casualties.Civilians, Invalid);
            AddGroup(casualties, "militants", Casualties.Militants, Invalid);
            AddGroup(casualties, "unknown", Casualties.Unknown, Invalid);
            if (casualties.Count > 0)
            {
                json["casualties"] = casualties;
            }
        }

        json.SetOptional("perpetrators_text", PerpetratorsText);
        json.SetOptional("targets_text", TargetsText);
        json.SetOptional("sources", Sources, source =>
        {
            var item = new JsonObject { ["name"] = source.Name };
            item.SetOptional("url", source.Url);
            if (source.Published is { } published)
            {
                item["published"] = StixTimestamp.Format(published);
            }

            return item;
        });
        if (Reliability is { } reliability)
        {
            json["reliability"] = reliability.ToString();
        }

        if (Credibility is { } credibility)
        {
            json["credibility"] = credibility;
        }

        json["status"] = Name(Statuses, Status);
        json.SetOptional("retraction_reason", RetractionReason);
        json["version_number"] = VersionNumber;
        return json;
    }

    internal static LiaisonIncidentExtension FromJson(StixObjectReader reader)
    {
        var type = reader.RequiredString("extension_type");
        if (type != "property-extension")
        {
            throw reader.Error("extension_type", $"must be 'property-extension', not '{type}'.");
        }

        var occurredReader = reader.Nested("occurred");
        var occurred = new IncidentOccurrence
        {
            Start = occurredReader.RequiredTimestamp("start"),
            End = occurredReader.OptionalTimestamp("end"),
            Precision = occurredReader.RequiredChoice("precision", Precisions),
        };
        if (occurred.Precision == OccurrencePrecision.Range && occurred.End is null)
        {
            throw occurredReader.Error("end", "is required when precision is range.");
        }

        if (occurred.End < occurred.Start)
        {
            throw occurredReader.Error("end", "must not be before start.");
        }

        var latitude = reader.OptionalNumber("latitude", -90, 90);
        var longitude = reader.OptionalNumber("longitude", -180, 180);
        if ((latitude is null) != (longitude is null))
        {
            throw reader.Error(latitude is null ? "latitude" : "longitude", "latitude and longitude must be given together.");
        }

        IncidentCasualties? casualties = null;
        if (reader.OptionalNested("casualties") is { } casualtiesReader)
        {
            casualties = new IncidentCasualties
            {
                SecurityForces = ReadGroup(casualtiesReader, "security_forces"),
                Civilians = ReadGroup(casualtiesReader, "civilians"),
                Militants = ReadGroup(casualtiesReader, "militants"),
                Unknown = ReadGroup(casualtiesReader, "unknown"),
            };
        }

        var status = reader.RequiredChoice("status", Statuses);
        var retractionReason = reader.OptionalString("retraction_reason");
        if ((status == IncidentStatus.Retracted) != (retractionReason is not null))
        {
            throw reader.Error("retraction_reason", "is required when, and only when, status is retracted.");
        }

        return new LiaisonIncidentExtension
        {
            Occurred = occurred,
            Category = reader.RequiredChoice("category", Categories),
            PlaceName = reader.OptionalString("place_name"),
            SectorCode = reader.OptionalString("sector_code"),
            Latitude = latitude,
            Longitude = longitude,
            LocationRef = reader.OptionalId("location_ref", Location.TypeName),
            Casualties = casualties,
            PerpetratorsText = reader.OptionalString("perpetrators_text"),
            TargetsText = reader.OptionalString("targets_text"),
            Sources = reader.OptionalObjectList("sources", source => new IncidentSource
            {
                Name = source.RequiredString("name"),
                Url = source.OptionalString("url"),
                Published = source.OptionalTimestamp("published"),
            }),
            Reliability = reader.OptionalChoice("reliability", Reliabilities),
            Credibility = reader.OptionalInteger("credibility", 1, 6),
            Status = status,
            RetractionReason = retractionReason,
            VersionNumber = reader.RequiredInteger("version_number", 1, int.MaxValue),
        };
    }

    private static CasualtyCount? ReadGroup(StixObjectReader casualties, string name) =>
        casualties.OptionalNested(name) is { } group
            ? new CasualtyCount
            {
                Killed = group.OptionalInteger("killed", 0, MaxCasualties),
                Injured = group.OptionalInteger("injured", 0, MaxCasualties),
            }
            : null;

    private static void AddGroup(JsonObject casualties, string name, CasualtyCount? count, Func<string, string, InvalidOperationException> invalid)
    {
        if (count is null || (count.Killed is null && count.Injured is null))
        {
            return;
        }

        var group = new JsonObject();
        foreach (var (key, value) in new[] { ("killed", count.Killed), ("injured", count.Injured) })
        {
            if (value is { } number)
            {
                group[key] = number is >= 0 and <= MaxCasualties
                    ? number
                    : throw invalid($"casualties.{name}.{key}", $"must be between 0 and {MaxCasualties}, not {number.ToString(CultureInfo.InvariantCulture)}.");
            }
        }

        casualties[name] = group;
    }

    private static string Name<T>(IReadOnlyDictionary<string, T> table, T value)
        where T : struct, Enum =>
        table.First(pair => EqualityComparer<T>.Default.Equals(pair.Value, value)).Key;
}
