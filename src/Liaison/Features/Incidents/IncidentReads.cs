using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Incidents;

/// <summary>One record with its history, one earlier version, and the list as JSON, GeoJSON and CSV.</summary>
public static class IncidentReads
{
    public sealed record Page(IReadOnlyList<IncidentView> Items, string? Next);

    public static async Task<Results<Ok<IncidentView>, NotFound>> GetAsync(string id, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var report = await db.Set<IncidentReport>().AsNoTracking().Include(i => i.OriginParty).Include(i => i.Versions)
            .SingleOrDefaultAsync(i => i.StixId == id, cancellationToken);
        if (report is null)
        {
            return TypedResults.NotFound();
        }

        var versions = report.Versions.OrderBy(v => v.Number)
            .Select(v => new VersionSummary(v.Number, IncidentValidation.WireName(v.Status), v.ModifiedAt, v.RecordedBy, v.RetractionReason)).ToList();
        return TypedResults.Ok(IncidentView.Of(report, !report.OriginParty.IsSelf, versions));
    }

    public static async Task<Results<Ok<VersionView>, NotFound>> GetVersionAsync(string id, int number, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var version = await db.Set<IncidentReport>().Where(i => i.StixId == id).SelectMany(i => i.Versions).Where(v => v.Number == number)
            .AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return version is null ? TypedResults.NotFound() : TypedResults.Ok(VersionView.Of(id, version));
    }

    public static async Task<Results<Ok<Page>, ValidationProblem>> ListAsync(HttpContext http, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        var filter = IncidentFilter.Parse(http.Request.Query, 100, IncidentFilter.MaxPage, validation);
        if (filter is null)
        {
            return validation.Problem();
        }

        var (rows, next) = await filter.RunAsync(db.Set<IncidentReport>(), cancellationToken);
        return TypedResults.Ok(new Page([.. rows.Select(r => IncidentView.Of(r, !r.OriginParty.IsSelf))], next));
    }

    /// <summary>RFC 7946 FeatureCollection; records without coordinates have a null geometry (§3.2).</summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem>> GeoJsonAsync(HttpContext http, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var (rows, problem) = await ExportPageAsync(http, db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var features = new JsonArray();
        foreach (var row in rows)
        {
            var content = row.Content;
            features.Add(new JsonObject
            {
                ["type"] = "Feature",
                ["id"] = row.StixId,
                ["geometry"] = row.Latitude is { } lat && row.Longitude is { } lon
                    ? new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) }
                    : null,
                ["properties"] = new JsonObject
                {
                    ["title"] = content.Title,
                    ["status"] = IncidentValidation.WireName(row.Status),
                    ["version"] = row.VersionNumber,
                    ["category"] = IncidentValidation.WireName(row.Category),
                    ["occurredStart"] = row.OccurredStart,
                    ["occurredEnd"] = content.Occurred.End,
                    ["precision"] = IncidentValidation.WireName(content.Occurred.Precision),
                    ["placeName"] = content.Location.PlaceName,
                    ["sector"] = row.SectorCode,
                    ["killed"] = Total(content.Casualties, c => c.Killed),
                    ["injured"] = Total(content.Casualties, c => c.Injured),
                    ["tlp"] = IncidentValidation.WireName(row.Tlp),
                    ["originParty"] = row.OriginParty.Name,
                },
            });
        }

        var collection = new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
        return TypedResults.Content(collection.ToJsonString(), "application/geo+json", Encoding.UTF8);
    }

    public static async Task<Results<ContentHttpResult, ValidationProblem>> CsvAsync(HttpContext http, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        var (rows, problem) = await ExportPageAsync(http, db, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var csv = new StringBuilder();
        Line(csv, "id", "status", "version", "title", "category", "occurred_start", "occurred_end", "precision", "latitude", "longitude", "place_name", "sector",
            "security_forces_killed", "security_forces_injured", "civilians_killed", "civilians_injured", "militants_killed", "militants_injured", "unknown_killed", "unknown_injured",
            "perpetrators", "targets", "reliability", "credibility", "tlp", "origin_party", "modified");
        foreach (var row in rows)
        {
            var c = row.Content;
            var k = c.Casualties;
            Line(csv, row.StixId, IncidentValidation.WireName(row.Status), Num(row.VersionNumber), c.Title, IncidentValidation.WireName(c.Category),
                Time(c.Occurred.Start), Time(c.Occurred.End), IncidentValidation.WireName(c.Occurred.Precision), Num(c.Location.Latitude), Num(c.Location.Longitude),
                c.Location.PlaceName, c.Location.Sector,
                Num(k.SecurityForces?.Killed), Num(k.SecurityForces?.Injured), Num(k.Civilians?.Killed), Num(k.Civilians?.Injured),
                Num(k.Militants?.Killed), Num(k.Militants?.Injured), Num(k.Unknown?.Killed), Num(k.Unknown?.Injured),
                c.Perpetrators.Text, c.Targets.Text, c.Reliability?.ToString(), Num(c.Credibility), IncidentValidation.WireName(c.Tlp), row.OriginParty.Name, Time(row.ModifiedAt));
        }

        return TypedResults.Content(csv.ToString(), "text/csv", Encoding.UTF8);
    }

    /// <summary>One export page (up to <see cref="IncidentFilter.MaxExport"/> rows); the next page goes in a Link header (RFC 8288).</summary>
    private static async Task<(List<IncidentReport> Rows, ValidationProblem? Problem)> ExportPageAsync(HttpContext http, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var validation = new Validation();
        var filter = IncidentFilter.Parse(http.Request.Query, IncidentFilter.MaxExport, IncidentFilter.MaxExport, validation);
        if (filter is null)
        {
            return ([], validation.Problem());
        }

        var (rows, next) = await filter.RunAsync(db.Set<IncidentReport>(), cancellationToken);
        if (next is not null)
        {
            var query = http.Request.Query.Where(p => p.Key != "cursor").Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value.ToString())}").Append($"cursor={next}");
            http.Response.Headers.Link = $"<{http.Request.Path}?{string.Join('&', query)}>; rel=\"next\"";
        }

        return (rows, null);
    }

    private static int? Total(Casualties casualties, Func<Count, int?> pick)
    {
        var counts = new[] { casualties.SecurityForces, casualties.Civilians, casualties.Militants, casualties.Unknown }.Where(c => c is not null && pick(c) is not null).ToList();
        return counts.Count == 0 ? null : counts.Sum(c => pick(c!)!.Value);
    }

    /// <summary>RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet does not run it as a formula.</summary>
    private static void Line(StringBuilder csv, params string?[] cells)
    {
        csv.AppendJoin(',', cells.Select(cell =>
        {
            var value = cell ?? "";
            if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                value = "'" + value;
            }

            return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
        }));
        csv.Append("\r\n");
    }

    private static string? Num(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string? Num(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Time(DateTime? value) => value?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
