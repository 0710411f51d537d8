using Liaison.Http;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Incidents;

/// <summary>
/// An incident report as a client sends it (create, edit a draft, revise). Enumerations and instants arrive
/// as strings so that a bad value is named with its field instead of failing the whole body.
/// </summary>
public sealed record IncidentInput
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public OccurrenceInput? Occurred { get; init; }

    public PlaceInput? Location { get; init; }

    /// <summary>armed-clash, attack-on-security-forces, attack-on-civilians, cross-border-strike, bombing-ied, kidnapping, smuggling-interdiction, border-violation, other.</summary>
    public string? Category { get; init; }

    public Casualties? Casualties { get; init; }

    public Actors? Perpetrators { get; init; }

    public Actors? Targets { get; init; }

    public IReadOnlyList<SourceInput>? Sources { get; init; }

    /// <summary>Admiralty source reliability, A (reliable) to F (cannot be judged).</summary>
    public string? Reliability { get; init; }

    /// <summary>Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged).</summary>
    public int? Credibility { get; init; }

    /// <summary>clear, green, amber, amber-strict, red (TLP 2.0). Default amber.</summary>
    public string? Tlp { get; init; }

    public IReadOnlyList<string>? Recipients { get; init; }
}

/// <summary>Precision: minute, day, month, or range (which needs <c>end</c>).</summary>
public sealed record OccurrenceInput(string? Start, string? End, string? Precision);

public sealed record PlaceInput(double? Latitude, double? Longitude, string? PlaceName, string? Sector);

public sealed record SourceInput(string? Name, string? Url, string? Published);

public static class IncidentValidation
{
    public const int MaxCasualties = 1_000_000;

    /// <summary>Checks every field against the rules and the database (sectors, groups, parties); null when anything is wrong.</summary>
    public static async Task<IncidentContent?> ValidateAsync(IncidentInput input, LiaisonDbContext db, DateTime now, Validation validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(validation);
        validation.Require("title", input.Title, 200).When(input.Description?.Length > 10_000, "description", "must be at most 10000 characters");

        var occurred = Occurrence(input.Occurred, now, validation);
        var place = await PlaceAsync(input.Location ?? new PlaceInput(null, null, null, null), db, validation, cancellationToken);
        var category = Enum<IncidentCategory>("category", input.Category, validation, required: true);
        CheckCasualties(input.Casualties, validation);
        await CheckGroupsAsync("perpetrators", input.Perpetrators, db, validation, cancellationToken);
        await CheckGroupsAsync("targets", input.Targets, db, validation, cancellationToken);
        var sources = Sources(input.Sources, validation);
        var reliability = Enum<SourceReliability>("reliability", input.Reliability, validation, required: false);
        validation.When(input.Credibility is < 1 or > 6, "credibility", "must be 1 to 6 (Admiralty code)");
        var tlp = input.Tlp is null ? TlpLevel.Amber : Enum<TlpLevel>("tlp", input.Tlp, validation, required: true);
        var recipients = await RecipientsAsync(input.Recipients, tlp, db, validation, cancellationToken);

        if (!validation.IsValid)
        {
            return null;
        }

        return new IncidentContent
        {
            Title = input.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            Occurred = occurred!,
            Location = place,
            Category = category!.Value,
            Casualties = Normalize(input.Casualties),
            Perpetrators = Clean(input.Perpetrators),
            Targets = Clean(input.Targets),
            Sources = sources,
            Reliability = reliability,
            Credibility = input.Credibility,
            Tlp = tlp!.Value,
            Recipients = recipients,
        };
    }

    private static Occurrence? Occurrence(OccurrenceInput? input, DateTime now, Validation validation)
    {
        if (input is null)
        {
            validation.Add("occurred", "is required");
            return null;
        }

        var start = UtcInstant.Parse(input.Start, "occurred.start", validation);
        var end = UtcInstant.Parse(input.End, "occurred.end", validation, required: false);
        var precision = Enum<OccurrencePrecision>("occurred.precision", input.Precision, validation, required: true);
        validation.When(start > now, "occurred.start", "is in the future")
            .When(end > now, "occurred.end", "is in the future")
            .When(end is not null && start is not null && end < start, "occurred.end", "is before occurred.start")
            .When(precision == OccurrencePrecision.Range && input.End is null, "occurred.end", "is required when precision is range")
            .When(precision is not null and not OccurrencePrecision.Range && input.End is not null, "occurred.end", "is only for precision range");
        return start is null || precision is null ? null : new Occurrence(start.Value, end, precision.Value);
    }

    private static async Task<Place> PlaceAsync(PlaceInput input, LiaisonDbContext db, Validation validation, CancellationToken cancellationToken)
    {
        validation.When(input.Latitude is < -90 or > 90, "location.latitude", "must be between -90 and 90")
            .When(input.Longitude is < -180 or > 180, "location.longitude", "must be between -180 and 180")
            .When(input.Latitude.HasValue != input.Longitude.HasValue, input.Latitude.HasValue ? "location.longitude" : "location.latitude", "latitude and longitude go together")
            .When(input.PlaceName?.Length > 200, "location.placeName", "must be at most 200 characters");
        var sector = string.IsNullOrWhiteSpace(input.Sector) ? null : input.Sector.Trim();
        if (sector is not null && !await db.Sectors.AnyAsync(s => s.Code == sector, cancellationToken))
        {
            validation.Add("location.sector", $"no sector has code '{sector}'");
        }

        return new Place(input.Latitude, input.Longitude, string.IsNullOrWhiteSpace(input.PlaceName) ? null : input.PlaceName.Trim(), sector);
    }

    private static void CheckCasualties(Casualties? casualties, Validation validation)
    {
        if (casualties is null)
        {
            return;
        }

        foreach (var (group, count) in new[] { ("securityForces", casualties.SecurityForces), ("civilians", casualties.Civilians), ("militants", casualties.Militants), ("unknown", casualties.Unknown) })
        {
            validation.When(count?.Killed is < 0 or > MaxCasualties, $"casualties.{group}.killed", $"must be between 0 and {MaxCasualties}")
                .When(count?.Injured is < 0 or > MaxCasualties, $"casualties.{group}.injured", $"must be between 0 and {MaxCasualties}");
        }
    }

    private static async Task CheckGroupsAsync(string field, Actors? actors, LiaisonDbContext db, Validation validation, CancellationToken cancellationToken)
    {
        validation.When(actors?.Text?.Length > 1000, $"{field}.text", "must be at most 1000 characters");
        var groups = actors?.Groups ?? [];
        var known = await db.Set<NamedGroup>().Where(g => groups.Contains(g.StixId)).Select(g => g.StixId).ToListAsync(cancellationToken);
        for (var i = 0; i < groups.Count; i++)
        {
            validation.When(!known.Contains(groups[i]), $"{field}.groups[{i}]", $"no named group has id '{groups[i]}'");
        }
    }

    private static List<Source> Sources(IReadOnlyList<SourceInput>? inputs, Validation validation)
    {
        var sources = new List<Source>();
        for (var i = 0; i < (inputs?.Count ?? 0); i++)
        {
            var input = inputs![i];
            validation.Require($"sources[{i}].name", input.Name, 200)
                .When(input.Url is not null && !(Uri.TryCreate(input.Url, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"), $"sources[{i}].url", "must be an absolute http(s) URL");
            var published = UtcInstant.Parse(input.Published, $"sources[{i}].published", validation, required: false);
            if (!string.IsNullOrWhiteSpace(input.Name))
            {
                sources.Add(new Source(input.Name.Trim(), input.Url, published));
            }
        }

        return sources;
    }

    /// <summary>TLP:RED never leaves the node (FIRST TLP 2.0; DESIGN §3 releasability), so it can have no recipients.</summary>
    private static async Task<List<string>> RecipientsAsync(IReadOnlyList<string>? recipients, TlpLevel? tlp, LiaisonDbContext db, Validation validation, CancellationToken cancellationToken)
    {
        var list = (recipients ?? []).Distinct().ToList();
        if (list.Count == 0)
        {
            return list;
        }

        if (tlp == TlpLevel.Red)
        {
            validation.Add("recipients", "a TLP:RED record never leaves this node: remove the recipients or choose a wider marking");
            return list;
        }

        var partners = await db.Parties.Where(p => !p.IsSelf && list.Contains(p.StixId)).Select(p => p.StixId).ToListAsync(cancellationToken);
        for (var i = 0; i < list.Count; i++)
        {
            validation.When(!partners.Contains(list[i]), $"recipients[{i}]", $"'{list[i]}' is not a partner party of this node");
        }

        return list;
    }

    /// <summary>A group with neither number reported is the same as no group: store it once, one way.</summary>
    private static Casualties Normalize(Casualties? c)
    {
        static Count? One(Count? n) => n is null || (n.Killed is null && n.Injured is null) ? null : n;
        return c is null ? new Casualties() : new Casualties(One(c.SecurityForces), One(c.Civilians), One(c.Militants), One(c.Unknown));
    }

    private static Actors Clean(Actors? actors) =>
        new(string.IsNullOrWhiteSpace(actors?.Text) ? null : actors.Text.Trim(), actors?.Groups is { Count: > 0 } g ? [.. g.Distinct()] : null);

    /// <summary>Parses kebab-case names (amber-strict, attack-on-civilians, …) as the API writes them.</summary>
    private static T? Enum<T>(string field, string? value, Validation validation, bool required)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            validation.When(required, field, "is required");
            return null;
        }

        var wanted = value.Trim().Replace('+', '-');
        var match = System.Enum.GetValues<T>().Where(v => string.Equals(WireName(v), wanted, StringComparison.OrdinalIgnoreCase)).Select(v => (T?)v).FirstOrDefault();
        if (match is null)
        {
            validation.Add(field, $"must be one of: {string.Join(", ", System.Enum.GetValues<T>().Select(v => WireName(v)))}");
        }

        return match;
    }

    public static string WireName<T>(T value)
        where T : struct, Enum => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
