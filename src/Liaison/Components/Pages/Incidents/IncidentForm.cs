using System.Globalization;
using Liaison.Components.Desk;
using Liaison.Features.Incidents;
using Liaison.Protocol.Stix;
using Microsoft.Extensions.Localization;

namespace Liaison.Components.Pages.Incidents;

/// <summary>
/// The incident editor's fields as the browser holds them (text, dates as input values), turned into the API's
/// <see cref="IncidentInput"/> so <see cref="IncidentValidation"/> judges the desk exactly as it judges the API.
/// </summary>
public sealed class IncidentForm
{
    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public string Category { get; set; } = "";

    public string Precision { get; set; } = "minute";

    /// <summary>
    /// yyyy-MM-ddTHH:mm (minute, range) on the reader's wall clock, or yyyy-MM-dd (day) or yyyy-MM (month) as
    /// reported: a reported day is a date, not an instant, so it is kept as it is written rather than moved by a zone.
    /// </summary>
    public string? Start { get; set; }

    public string? End { get; set; }

    public string? PlaceName { get; set; }

    public string? Sector { get; set; }

    public double? Latitude { get; set; }

    public double? Longitude { get; set; }

    public CountForm SecurityForces { get; } = new();

    public CountForm Civilians { get; } = new();

    public CountForm Militants { get; } = new();

    public CountForm Unknown { get; } = new();

    public string? PerpetratorsText { get; set; }

    public HashSet<string> PerpetratorGroups { get; } = new(StringComparer.Ordinal);

    public string? TargetsText { get; set; }

    public HashSet<string> TargetGroups { get; } = new(StringComparer.Ordinal);

    public List<SourceForm> Sources { get; } = [];

    public string? Reliability { get; set; }

    public string? Credibility { get; set; }

    public string Tlp { get; set; } = "amber";

    public HashSet<string> Recipients { get; } = new(StringComparer.Ordinal);

    /// <summary>The input type that matches the precision, so the browser offers the right picker.</summary>
    public string StartInputType => Precision switch
    {
        "day" => "date",
        "month" => "month",
        _ => "datetime-local",
    };

    /// <summary>Keeps the typed date when the precision changes, in the shape the new picker takes.</summary>
    public void ReshapeStart()
    {
        if (string.IsNullOrWhiteSpace(Start) || Start.Length < 7)
        {
            return;
        }

        Start = StartInputType switch
        {
            "month" => Start[..7],
            "date" => Start.Length >= 10 ? Start[..10] : Start[..7] + "-01",
            _ => Start.Length >= 16 ? Start[..16] : (Start.Length >= 10 ? Start[..10] : Start[..7] + "-01") + "T00:00",
        };
        if (Precision != "range")
        {
            End = null;
        }
    }

    /// <summary>The API's input; a time that cannot be read in the reader's zone is added to <paramref name="errors"/>.</summary>
    public IncidentInput ToInput(FieldErrors errors, IStringLocalizer localizer) => new()
    {
        Title = Title,
        Description = Description,
        Category = Blank(Category),
        Occurred = new OccurrenceInput(
            Precision is "day" or "month" ? When.ToInstant(Start) : ZoneInput.Instant(Start, "occurred.start", errors, localizer),
            Precision == "range" ? ZoneInput.Instant(End, "occurred.end", errors, localizer) : null,
            Precision),
        Location = new PlaceInput(Latitude, Longitude, PlaceName, Blank(Sector)),
        Casualties = new Casualties(SecurityForces.ToCount(), Civilians.ToCount(), Militants.ToCount(), Unknown.ToCount()),
        Perpetrators = new Actors(PerpetratorsText, [.. PerpetratorGroups]),
        Targets = new Actors(TargetsText, [.. TargetGroups]),
        Sources = [.. Sources.Select(s => new SourceInput(s.Name, Blank(s.Url), When.ToInstant(s.Published)))],
        Reliability = Blank(Reliability),
        Credibility = int.TryParse(Credibility, NumberStyles.None, CultureInfo.InvariantCulture, out var credibility) ? credibility : null,
        Tlp = Tlp,
        Recipients = [.. Recipients],
    };

    public static IncidentForm From(IncidentContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var precision = IncidentValidation.WireName(content.Occurred.Precision);
        var form = new IncidentForm
        {
            Title = content.Title,
            Description = content.Description,
            Category = IncidentValidation.WireName(content.Category),
            Precision = precision,
            Start = content.Occurred.Precision switch
            {
                OccurrencePrecision.Day => When.DateInput(content.Occurred.Start),
                OccurrencePrecision.Month => content.Occurred.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                _ => ZoneInput.Minute(content.Occurred.Start),
            },
            End = content.Occurred.End is { } end ? ZoneInput.Minute(end) : null,
            PlaceName = content.Location.PlaceName,
            Sector = content.Location.Sector,
            Latitude = content.Location.Latitude,
            Longitude = content.Location.Longitude,
            PerpetratorsText = content.Perpetrators.Text,
            TargetsText = content.Targets.Text,
            Reliability = content.Reliability?.ToString(),
            Credibility = content.Credibility?.ToString(CultureInfo.InvariantCulture),
            Tlp = IncidentValidation.WireName(content.Tlp),
        };
        form.SecurityForces.Load(content.Casualties.SecurityForces);
        form.Civilians.Load(content.Casualties.Civilians);
        form.Militants.Load(content.Casualties.Militants);
        form.Unknown.Load(content.Casualties.Unknown);
        form.PerpetratorGroups.UnionWith(content.Perpetrators.Groups ?? []);
        form.TargetGroups.UnionWith(content.Targets.Groups ?? []);
        form.Sources.AddRange(content.Sources.Select(s => new SourceForm { Name = s.Name, Url = s.Url, Published = s.Published is { } p ? When.DateInput(p) : null }));
        form.Recipients.UnionWith(content.Recipients);
        return form;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}

public sealed class CountForm
{
    public int? Killed { get; set; }

    public int? Injured { get; set; }

    public Count? ToCount() => Killed is null && Injured is null ? null : new Count(Killed, Injured);

    public void Load(Count? count)
    {
        Killed = count?.Killed;
        Injured = count?.Injured;
    }
}

public sealed class SourceForm
{
    public string? Name { get; set; }

    public string? Url { get; set; }

    /// <summary>yyyy-MM-dd, UTC.</summary>
    public string? Published { get; set; }
}
