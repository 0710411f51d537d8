using System.Text;
using System.Text.Json.Nodes;
using Liaison.Features.Alerts;
using Liaison.Features.Incidents;
using Liaison.Features.Sectors;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Picture;

/// <summary>
/// The situational picture: sectors, posts, incidents and alert areas as four GeoJSON FeatureCollections
/// (RFC 7946 §3.3) under one answer, so the map draws one consistent moment. Incidents use the incident API's own
/// filter (bbox, from/to overlap, category, party, sector, status), so a map shows exactly what the list shows —
/// including the partner's read-only projected reports, marked with their party.
/// </summary>
public static class PictureQuery
{
    /// <summary>Most incidents one map request returns; the window or box narrows the rest.</summary>
    public const int MaxIncidents = IncidentFilter.MaxExport;

    /// <summary>GET /api/picture.</summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem>> GetAsync(HttpContext http, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var validation = new Validation();
        var filter = IncidentFilter.Parse(http.Request.Query, MaxIncidents, MaxIncidents, validation);
        if (filter is null)
        {
            return validation.Problem();
        }

        var picture = await BuildAsync(filter, db, time.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.Content(picture.ToJsonString(), GeoJson.MediaType, Encoding.UTF8);
    }

    /// <summary>The picture for a filter; callable from the desk page in-process.</summary>
    public static async Task<JsonObject> BuildAsync(IncidentFilter filter, LiaisonDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(db);
        BoundingBox? box = filter.Box is { } b ? new BoundingBox(b[0], b[1], b[2], b[3]) : null;

        var sectors = await db.Sectors.AsNoTracking().Overlapping(box).OrderBy(s => s.Code).ToListAsync(cancellationToken);
        var posts = await db.Posts.AsNoTracking().Include(p => p.Sector).Within(box).OrderBy(p => p.Code).ToListAsync(cancellationToken);
        var incidents = await filter.Apply(db.Set<IncidentReport>().AsNoTracking().Include(i => i.OriginParty)).Take(filter.Limit).ToListAsync(cancellationToken);
        var alerts = await db.Set<Alert>().AsNoTracking().Include(a => a.OriginParty).Where(a => a.AreaJson != null).ToListAsync(cancellationToken);

        // Alerts overlap the window like incidents do ([validFrom, validUntil] against [from, to]); ended alerts are kept
        // with their state so the slider can show what was in force at a past moment.
        var shownAlerts = alerts
            .Where(a => filter.From is not { } from || a.ValidUntil >= from)
            .Where(a => filter.To is not { } to || a.ValidFrom <= to)
            .Where(a => filter.Party is not { } party || a.OriginParty.StixId == party)
            .Where(a => filter.Sector is not { } sector || a.SectorCodes.Contains(sector))
            .Where(a => box is not { } bx || Overlaps(a.Area!.Bounds(), bx))
            .OrderBy(a => a.ValidFrom).ThenBy(a => a.Id)
            .ToList();

        return new JsonObject
        {
            ["generatedAt"] = FeatureCollections.Utc(now),
            ["sectors"] = FeatureCollections.Collection(sectors.Select(s => FeatureCollections.Feature(
                s.Code, JsonNode.Parse(s.GeometryJson)!, s.Bounds,
                new JsonObject { ["layer"] = "sector", ["code"] = s.Code, ["name"] = s.Name, ["responsibleSelf"] = s.ResponsibleSelf, ["responsiblePartner"] = s.ResponsiblePartner }))),
            ["posts"] = FeatureCollections.Collection(posts.Select(p => FeatureCollections.Feature(
                p.Code, GeoJson.PointOf(p.Longitude, p.Latitude), new BoundingBox(p.Longitude, p.Latitude, p.Longitude, p.Latitude),
                new JsonObject { ["layer"] = "post", ["code"] = p.Code, ["name"] = p.Name, ["kind"] = PostKinds.Name(p.Kind), ["sector"] = p.Sector?.Code }))),
            ["incidents"] = new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray([.. incidents.Select(IncidentFeature)]) },
            ["alerts"] = new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray([.. shownAlerts.Select(a => AlertFeature(a, now))]) },
        };
    }

    private static JsonObject IncidentFeature(IncidentReport row)
    {
        var content = row.Content;
        return new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = row.StixId,

            // RFC 7946 §3.2: a record without coordinates still belongs to the timeline, with a null geometry.
            ["geometry"] = row.Latitude is { } lat && row.Longitude is { } lon ? GeoJson.PointOf(lon, lat) : null,
            ["properties"] = new JsonObject
            {
                ["layer"] = "incident",
                ["title"] = content.Title,
                ["category"] = IncidentValidation.WireName(row.Category),
                ["status"] = IncidentValidation.WireName(row.Status),
                ["version"] = row.VersionNumber,
                ["occurredStart"] = FeatureCollections.Utc(row.OccurredStart),
                ["occurredLast"] = FeatureCollections.Utc(row.OccurredLast),
                ["placeName"] = content.Location.PlaceName,
                ["sector"] = row.SectorCode,
                ["tlp"] = IncidentValidation.WireName(row.Tlp),
                ["party"] = row.OriginParty.StixId,
                ["partyName"] = row.OriginParty.Name,
                ["readOnly"] = !row.OriginParty.IsSelf,
            },
        };
    }

    private static JsonObject AlertFeature(Alert alert, DateTime now)
    {
        var area = alert.Area!;
        var node = area.ToNode();

        // GeoJSON has no circle (RFC 7946 §1): a circle is sent as its centre point with radius in the properties.
        JsonNode geometry = area.Type == AlertArea.Circle
            ? GeoJson.PointOf(node["longitude"]!.GetValue<double>(), node["latitude"]!.GetValue<double>())
            : node;
        var (minLon, minLat, maxLon, maxLat) = area.Bounds();
        return new JsonObject
        {
            ["type"] = "Feature",
            ["id"] = alert.StixId,
            ["bbox"] = new JsonArray(minLon, minLat, maxLon, maxLat),
            ["geometry"] = geometry,
            ["properties"] = new JsonObject
            {
                ["layer"] = "alert",
                ["title"] = alert.Title,
                ["precedence"] = Precedences.Name(alert.Precedence),
                ["status"] = AlertStix.Wire(alert.Status),
                ["inForce"] = alert.Status == AlertStatus.Active && alert.ValidFrom <= now && now <= alert.ValidUntil,
                ["validFrom"] = FeatureCollections.Utc(alert.ValidFrom),
                ["validUntil"] = FeatureCollections.Utc(alert.ValidUntil),
                ["radius"] = area.Type == AlertArea.Circle ? node["radius"]!.GetValue<double>() : null,
                ["sectors"] = new JsonArray([.. alert.SectorCodes.Select(c => (JsonNode)c)]),
                ["tlp"] = IncidentValidation.WireName(alert.Tlp),
                ["party"] = alert.OriginParty.StixId,
                ["partyName"] = alert.OriginParty.Name,
                ["readOnly"] = alert.IsReceived,
            },
        };
    }

    private static bool Overlaps((double MinLon, double MinLat, double MaxLon, double MaxLat) a, BoundingBox b) =>
        a.MinLon <= b.MaxLon && a.MaxLon >= b.MinLon && a.MinLat <= b.MaxLat && a.MaxLat >= b.MinLat;
}
