using System.Globalization;
using System.Text;
using Liaison.Http;
using Liaison.Protocol.Stix;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Incidents;

/// <summary>
/// Filters shared by the list, GeoJSON and CSV answers. Paging is keyset on (occurred start, id), newest
/// first: a record added while someone pages lands before their cursor or after it, never twice or not at all.
/// </summary>
public sealed record IncidentFilter(
    double[]? Box, DateTime? From, DateTime? To, string? Sector, IncidentCategory? Category, string? Text,
    string? Party, IncidentStatus? Status, int Limit, (DateTime Start, int Id)? After)
{
    public const int MaxPage = 500;
    public const int MaxExport = 10_000;

    /// <summary>Reads the query string; every bad parameter is named.</summary>
    public static IncidentFilter? Parse(IQueryCollection query, int defaultLimit, int maxLimit, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(validation);
        double[]? box = null;
        if (query["bbox"].ToString() is { Length: > 0 } bboxText)
        {
            var parts = bboxText.Split(',');
            box = parts.Length == 4 && parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                ? [.. parts.Select(p => double.Parse(p, CultureInfo.InvariantCulture))]
                : null;
            validation.When(box is null, "bbox", "must be minLon,minLat,maxLon,maxLat")
                .When(box is not null && (box[0] > box[2] || box[1] > box[3]), "bbox", "min must not exceed max")
                .When(box is not null && (box[1] < -90 || box[3] > 90 || box[0] < -180 || box[2] > 180), "bbox", "is outside the world");
        }

        var from = UtcInstant.Parse(query["from"], "from", validation, required: false);
        var to = UtcInstant.Parse(query["to"], "to", validation, required: false);
        validation.When(from > to, "to", "is before from");
        var category = OptionalEnum<IncidentCategory>(query, "category", validation);
        var status = OptionalEnum<IncidentStatus>(query, "status", validation);
        var limit = defaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } limitText)
        {
            validation.When(!int.TryParse(limitText, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > maxLimit, "limit", $"must be 1 to {maxLimit}");
        }

        var after = Cursor.Read(query["cursor"], validation);
        return validation.IsValid
            ? new IncidentFilter(box, from, to, Blank(query["sector"]), category, Blank(query["q"])?.ToLowerInvariant(), Blank(query["party"]), status, limit, after)
            : null;
    }

    public IQueryable<IncidentReport> Apply(IQueryable<IncidentReport> incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var q = incidents;
        if (Box is { } b)
        {
            q = q.Where(i => i.Longitude >= b[0] && i.Latitude >= b[1] && i.Longitude <= b[2] && i.Latitude <= b[3]);
        }

        // Overlap of [start, last] with [from, to]: an incident known only to the month is in any window touching it.
        if (From is { } from)
        {
            q = q.Where(i => i.OccurredLast >= from);
        }

        if (To is { } to)
        {
            q = q.Where(i => i.OccurredStart <= to);
        }

        if (Sector is { } sector)
        {
            q = q.Where(i => i.SectorCode == sector);
        }

        if (Category is { } category)
        {
            q = q.Where(i => i.Category == category);
        }

        if (Text is { } text)
        {
            q = q.Where(i => i.SearchText.Contains(text));
        }

        if (Party is { } party)
        {
            q = q.Where(i => i.OriginParty.StixId == party);
        }

        if (Status is { } status)
        {
            q = q.Where(i => i.Status == status);
        }

        if (After is { } after)
        {
            q = q.Where(i => i.OccurredStart < after.Start || (i.OccurredStart == after.Start && i.Id < after.Id));
        }

        return q.OrderByDescending(i => i.OccurredStart).ThenByDescending(i => i.Id);
    }

    /// <summary>Runs the query for one page; the cursor is set when more may follow.</summary>
    public async Task<(List<IncidentReport> Page, string? Next)> RunAsync(IQueryable<IncidentReport> incidents, CancellationToken cancellationToken)
    {
        var rows = await Apply(incidents.AsNoTracking().Include(i => i.OriginParty)).Take(Limit + 1).ToListAsync(cancellationToken);
        var more = rows.Count > Limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        return (rows, more ? Cursor.Write(rows[^1].OccurredStart, rows[^1].Id) : null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static T? OptionalEnum<T>(IQueryCollection query, string name, Validation validation)
        where T : struct, Enum
    {
        var text = query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        var match = Enum.GetValues<T>().Where(v => string.Equals(IncidentValidation.WireName(v), text, StringComparison.OrdinalIgnoreCase)).Select(v => (T?)v).FirstOrDefault();
        validation.When(match is null, name, $"must be one of: {string.Join(", ", Enum.GetValues<T>().Select(v => IncidentValidation.WireName(v)))}");
        return match;
    }

    /// <summary>An opaque position: base64url of "ticks.id".</summary>
    private static class Cursor
    {
        public static string Write(DateTime start, int id) =>
            Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{start.Ticks}.{id}"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static (DateTime, int)? Read(string? text, Validation validation)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            try
            {
                var padded = text.Replace('-', '+').Replace('_', '/');
                padded += new string('=', (4 - (padded.Length % 4)) % 4);
                var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split('.');
                return (new DateTime(long.Parse(parts[0], CultureInfo.InvariantCulture), DateTimeKind.Utc), int.Parse(parts[1], CultureInfo.InvariantCulture));
            }
            catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException or OverflowException)
            {
                validation.Add("cursor", "is not a cursor this node issued");
                return null;
            }
        }
    }
}
