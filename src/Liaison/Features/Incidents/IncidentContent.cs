using System.Text.Json;
using System.Text.Json.Serialization;
using Liaison.Protocol.Stix;

namespace Liaison.Features.Incidents;

/// <summary>
/// Everything a version of an incident report says, already validated. Stored whole as JSON in every
/// version row, so an earlier version reads back exactly as it was published.
/// </summary>
public sealed record IncidentContent
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public required string Title { get; init; }

    public string? Description { get; init; }

    public required Occurrence Occurred { get; init; }

    public required Place Location { get; init; }

    public required IncidentCategory Category { get; init; }

    public Casualties Casualties { get; init; } = new();

    public Actors Perpetrators { get; init; } = new();

    public Actors Targets { get; init; } = new();

    public IReadOnlyList<Source> Sources { get; init; } = [];

    public SourceReliability? Reliability { get; init; }

    public int? Credibility { get; init; }

    public required TlpLevel Tlp { get; init; }

    /// <summary>STIX identity ids of the partner parties this record is released to.</summary>
    public IReadOnlyList<string> Recipients { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static IncidentContent FromJson(string json) => JsonSerializer.Deserialize<IncidentContent>(json, Json)
        ?? throw new InvalidOperationException("empty incident content");

    /// <summary>Text the free-text filter searches, lower-cased once when stored.</summary>
    public string SearchText() => string.Join('\n', new[] { Title, Description, Location.PlaceName, Perpetrators.Text, Targets.Text, Location.Sector }
        .Where(s => !string.IsNullOrWhiteSpace(s))).ToLowerInvariant();
}

/// <summary>When: a start, an end for ranges, and how precisely the report knows it.</summary>
public sealed record Occurrence(DateTime Start, DateTime? End, OccurrencePrecision Precision)
{
    /// <summary>The last instant the occurrence may cover, for time-window queries.</summary>
    public DateTime Last => End ?? Precision switch
    {
        OccurrencePrecision.Day => Start.AddDays(1).AddTicks(-1),
        OccurrencePrecision.Month => Start.AddMonths(1).AddTicks(-1),
        _ => Start,
    };
}

/// <summary>Where: a point, the place name as reported, and the sector by code.</summary>
public sealed record Place(double? Latitude = null, double? Longitude = null, string? PlaceName = null, string? Sector = null);

/// <summary>Killed and injured; null means not reported, 0 means reported as none.</summary>
public sealed record Count(int? Killed = null, int? Injured = null);

public sealed record Casualties(Count? SecurityForces = null, Count? Civilians = null, Count? Militants = null, Count? Unknown = null);

/// <summary>Perpetrators or targets: as written, plus links to named groups by STIX id.</summary>
public sealed record Actors(string? Text = null, IReadOnlyList<string>? Groups = null);

public sealed record Source(string Name, string? Url = null, DateTime? Published = null);
