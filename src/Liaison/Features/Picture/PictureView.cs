using System.Globalization;
using System.Text.Json.Nodes;
using Liaison.Features.Incidents;
using Liaison.Storage;

namespace Liaison.Features.Picture;

/// <summary>
/// One record the map and the timeline show: a sector, post, incident or alert area. <c>Kind</c> is <c>sector</c>,
/// <c>post</c>, <c>incident</c> or <c>alert</c>; <c>Start</c>/<c>End</c> span when an incident occurred or an alert
/// was valid (null for sectors and posts); <c>Geometry</c> is GeoJSON (RFC 7946 §3.1), a circle being its centre with
/// <c>Radius</c> metres; <c>Status</c> is the incident or alert status, or a post's kind.
/// </summary>
public sealed record PictureItem(
    string Id, string Kind, string Title, string? Category, string? Status, IReadOnlyList<string> Sectors,
    string? Party, string? PartyName, string? Tlp, DateTime? Start, DateTime? End, JsonNode? Geometry, double? Radius,
    string? Precedence, bool ReadOnly, string? Place)
{
    /// <summary>The desk page the record opens on.</summary>
    public string Link => Kind switch
    {
        "incident" => $"incidents/{Id}",
        "alert" => $"alerts/{Id}",
        "post" => $"posts/{Uri.EscapeDataString(Id)}",
        _ => $"sectors/{Uri.EscapeDataString(Id)}",
    };

    /// <summary>
    /// An alert area's state at <paramref name="at"/>: <c>cancelled</c> or <c>closed</c> when it was ended,
    /// otherwise <c>pending</c> before its validity, <c>in-force</c> during it and <c>expired</c> after it.
    /// Other records have no state.
    /// </summary>
    public string? StateAt(DateTime at) => Kind != "alert"
        ? null
        : Status is "cancelled" or "closed" ? Status
        : at < Start ? "pending"
        : at > End ? "expired"
        : "in-force";
}

/// <summary>
/// What the map and timeline show: record kinds, incident category, sector, party and TLP, and a time window
/// ending at <see cref="At"/>. A timed record shows when the span it occurred or was valid in overlaps
/// [<see cref="At"/> − <see cref="Window"/>, <see cref="At"/>]; a null window reaches back to the first record.
/// Sectors and posts have no time: they always show, narrowed only by kind and sector. Draft and retracted
/// incident reports never show.
/// </summary>
public sealed record PictureFilter(
    IReadOnlySet<string> Kinds, string? Category, string? Sector, string? Party, string? Tlp, DateTime At, TimeSpan? Window)
{
    public static readonly IReadOnlyList<string> AllKinds = ["incident", "alert", "sector", "post"];

    /// <summary>Choices of window the desk offers, in hours; 0 means all time up to the chosen moment.</summary>
    public static readonly IReadOnlyList<int> WindowHours = [6, 24, 72, 168, 720, 0];

    public static PictureFilter Everything(DateTime at) => new(new HashSet<string>(AllKinds, StringComparer.Ordinal), null, null, null, null, at, null);

    public DateTime? WindowStart => Window is { } w ? At - w : null;

    public bool Shows(PictureItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!Kinds.Contains(item.Kind))
        {
            return false;
        }

        if (Sector is { } sector && !item.Sectors.Contains(sector, StringComparer.Ordinal))
        {
            return false;
        }

        if (item.Kind is "sector" or "post")
        {
            return true;
        }

        // The picture is what the parties stand by: not a desk's unpublished draft, nor a report its author retracted.
        if (item.Kind == "incident" && item.Status is "draft" or "retracted")
        {
            return false;
        }

        // An incident reported only as "some time in a range" shows while any part of the range is in the window.
        var start = item.Start ?? DateTime.MinValue;
        var end = item.End ?? start;
        return start <= At
            && (WindowStart is not { } from || end >= from)
            && (Category is null || item.Category == Category || item.Kind != "incident")
            && (Party is null || item.Party == Party)
            && (Tlp is null || item.Tlp == Tlp);
    }

    /// <summary>The records that show, timed ones oldest first, then sectors and posts by code.</summary>
    public IReadOnlyList<PictureItem> Apply(IEnumerable<PictureItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        return [.. items.Where(Shows)
            .OrderBy(i => i.Start is null)
            .ThenBy(i => i.Start)
            .ThenBy(i => i.Kind, StringComparer.Ordinal)
            .ThenBy(i => i.Id, StringComparer.Ordinal)];
    }
}

/// <summary>Reads the picture (the same records <c>GET /api/picture</c> returns) for the desk's map and timeline.</summary>
public static class PictureView
{
    /// <summary>Every record the node holds, with no time window: the desk filters in the page.</summary>
    public static async Task<IReadOnlyList<PictureItem>> LoadAsync(LiaisonDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var filter = new IncidentFilter(null, null, null, null, null, null, null, null, PictureQuery.MaxIncidents, null);
        var picture = await PictureQuery.BuildAsync(filter, db, now, cancellationToken);
        return Read(picture);
    }

    /// <summary>Turns the four FeatureCollections into records.</summary>
    public static IReadOnlyList<PictureItem> Read(JsonObject picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var items = new List<PictureItem>();
        foreach (var layer in new[] { "sectors", "posts", "incidents", "alerts" })
        {
            foreach (var feature in picture[layer]?["features"]?.AsArray() ?? [])
            {
                if (feature is JsonObject f && f["properties"] is JsonObject p)
                {
                    items.Add(Item(f, p));
                }
            }
        }

        return items;
    }

    private static PictureItem Item(JsonObject feature, JsonObject p)
    {
        var kind = Text(p, "layer") ?? "";
        var id = feature["id"]?.GetValue<string>() ?? Text(p, "code") ?? "";
        IReadOnlyList<string> sectors = kind switch
        {
            "sector" => [id],
            "alert" => [.. (p["sectors"]?.AsArray() ?? []).Select(s => s!.GetValue<string>())],
            _ => Text(p, "sector") is { } code ? [code] : [],
        };
        var title = kind switch
        {
            "sector" or "post" => $"{Text(p, "code")} · {Text(p, "name")}",
            _ => Text(p, "title") ?? id,
        };
        return new PictureItem(
            id, kind, title, Text(p, "category"), kind == "post" ? Text(p, "kind") : Text(p, "status"), sectors,
            Text(p, "party"), Text(p, "partyName"), Text(p, "tlp"),
            Instant(p, kind == "alert" ? "validFrom" : "occurredStart"),
            Instant(p, kind == "alert" ? "validUntil" : "occurredLast") ?? Instant(p, "occurredStart"),
            feature["geometry"]?.DeepClone(), p["radius"]?.GetValue<double>(), Text(p, "precedence"),
            p["readOnly"]?.GetValue<bool>() ?? false, Text(p, "placeName"));
    }

    private static string? Text(JsonObject p, string name) => p[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static DateTime? Instant(JsonObject p, string name) =>
        Text(p, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : null;
}
