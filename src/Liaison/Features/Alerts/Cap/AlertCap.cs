using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Protocol.Cap;
using Liaison.Protocol.Stix;

namespace Liaison.Features.Alerts.Cap;

/// <summary>One earlier version of an alert: its revision and its STIX <c>modified</c>, which is the CAP <c>sent</c> of that version.</summary>
public sealed record AlertVersion(int Revision, DateTime At);

/// <summary>
/// Liaison alerts as CAP 1.2 messages (docs/protocol.md, "CAP 1.2"). Each version of an alert is one CAP message:
/// revision 1 is <c>Alert</c>, later revisions <c>Update</c> (a closed alert is an Update saying AllClear, urgency
/// Past), a cancelled one <c>Cancel</c>; each names every earlier version in <c>references</c>. An acknowledgement
/// is an <c>Ack</c> referencing the versions it answered. Scope is Restricted, with the TLP 2.0 label as the
/// restriction. Pure functions: the endpoints load the alert and its earlier versions.
/// </summary>
public static class AlertCap
{
    /// <summary>The eventCode that carries the exact precedence, so a Liaison node importing the CAP gets it back unchanged.</summary>
    public const string PrecedenceCode = "liaison-precedence";

    /// <summary>The geocode naming an agreed border sector.</summary>
    public const string SectorCode = "liaison-sector";

    /// <summary>
    /// The CAP identifier of one version. Revision 1 is the alert's STIX id; later revisions add <c>.r{n}</c>, because
    /// CAP 1.2 §3.2.1 wants each message's identifier unique for its sender, and every version is its own message.
    /// </summary>
    public static string IdentifierOf(string stixId, int revision) =>
        revision <= 1 ? stixId : string.Create(CultureInfo.InvariantCulture, $"{stixId}.r{revision}");

    /// <summary>Precedence to CAP urgency and severity (the table in docs/protocol.md).</summary>
    public static (CapUrgency Urgency, CapSeverity Severity) UrgencyAndSeverity(Precedence precedence) => precedence switch
    {
        Precedence.Flash => (CapUrgency.Immediate, CapSeverity.Extreme),
        Precedence.Immediate => (CapUrgency.Immediate, CapSeverity.Severe),
        Precedence.Priority => (CapUrgency.Expected, CapSeverity.Moderate),
        _ => (CapUrgency.Future, CapSeverity.Minor),
    };

    /// <summary>
    /// CAP urgency and severity back to a precedence, for messages from other systems: both at their highest is
    /// FLASH; immediate action or a severe threat is IMMEDIATE; expected action or a moderate threat is PRIORITY;
    /// anything else ROUTINE. Each precedence maps back to itself.
    /// </summary>
    public static Precedence PrecedenceOf(CapUrgency urgency, CapSeverity severity) =>
        (urgency, severity) switch
        {
            (CapUrgency.Immediate, CapSeverity.Extreme) => Precedence.Flash,
            (CapUrgency.Immediate, _) or (_, CapSeverity.Extreme or CapSeverity.Severe) => Precedence.Immediate,
            (CapUrgency.Expected, _) or (_, CapSeverity.Moderate) => Precedence.Priority,
            _ => Precedence.Routine,
        };

    /// <summary>The alert's current version as a CAP message.</summary>
    /// <param name="alert">The alert, with its origin party and recipients loaded.</param>
    /// <param name="earlier">The versions before the current one; each becomes a reference.</param>
    public static CapAlert ToCap(Alert alert, IEnumerable<AlertVersion> earlier)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(earlier);
        var sender = alert.OriginParty.StixId;
        var (urgency, severity) = UrgencyAndSeverity(alert.Precedence);
        var closed = alert.Status == AlertStatus.Closed;
        return new CapAlert
        {
            Identifier = IdentifierOf(alert.StixId, alert.Revision),
            Sender = sender,
            Sent = Utc(alert.ModifiedAt),
            Status = CapStatus.Actual,
            MsgType = alert.Status == AlertStatus.Cancelled ? CapMsgType.Cancel : alert.Revision <= 1 && !closed ? CapMsgType.Alert : CapMsgType.Update,
            Scope = CapScope.Restricted,
            Restriction = Restriction(alert.Tlp),
            Addresses = alert.Recipients.Count == 0 ? null : string.Join(' ', alert.Recipients.Select(r => r.Party.StixId).Order(StringComparer.Ordinal)),
            Note = alert.StatusReason,
            References = References(sender, alert.StixId, earlier.Where(v => v.Revision < alert.Revision)),
            Infos =
            [
                new CapInfo
                {
                    Categories = [CapCategory.Security],
                    Event = alert.Title,
                    ResponseTypes = [closed ? CapResponseType.AllClear : CapResponseType.Monitor],
                    Urgency = closed ? CapUrgency.Past : urgency,
                    Severity = severity,
                    // A Liaison alert states no likelihood; CAP's honest answer is Unknown.
                    Certainty = CapCertainty.Unknown,
                    EventCodes = [new CapValuePair(PrecedenceCode, Precedences.Name(alert.Precedence).ToUpperInvariant())],
                    Effective = Utc(alert.ValidFrom),
                    Expires = Utc(alert.ValidUntil),
                    SenderName = alert.OriginParty.Name,
                    Headline = alert.Title,
                    Description = alert.Description,
                    Areas = Area(alert) is { } area ? [area] : [],
                },
            ],
        };
    }

    /// <summary>An acknowledgement as a CAP Ack, referencing the alert versions issued up to it.</summary>
    /// <param name="alert">The alert.</param>
    /// <param name="recipient">The acknowledging party's row; it must be acknowledged.</param>
    /// <param name="versions">Every version of the alert, current included.</param>
    public static CapAlert AcknowledgementToCap(Alert alert, AlertRecipient recipient, IEnumerable<AlertVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(versions);
        var at = recipient.AcknowledgedAt ?? throw new InvalidOperationException($"{recipient.Party.Name} has not acknowledged {alert.StixId}");
        var answered = versions.Where(v => v.At <= at).ToList();
        if (answered.Count == 0)
        {
            answered.Add(new AlertVersion(1, alert.CreatedAt));
        }

        var note = $"Acknowledged by {recipient.AcknowledgedBy}" + (recipient.OnTime == false ? " (late)" : "") + "."
            + (recipient.Response is { } response ? $" Response: {response}" : "")
            + (recipient.ActionTaken is { } action ? $" Action taken: {action}" : "");
        return new CapAlert
        {
            Identifier = recipient.AcknowledgementId!,
            Sender = recipient.Party.StixId,
            Sent = Utc(at),
            Status = CapStatus.Actual,
            MsgType = CapMsgType.Ack,
            Scope = CapScope.Restricted,
            Restriction = Restriction(alert.Tlp),
            Addresses = alert.OriginParty.StixId,
            Note = note,
            References = References(alert.OriginParty.StixId, alert.StixId, answered),
        };
    }

    /// <summary>CAP <c>restriction</c>: the TLP 2.0 label, which says who may see it.</summary>
    public static string Restriction(TlpLevel tlp) => $"{Tlp.NameOf(tlp)}: share only as the FIRST Traffic Light Protocol 2.0 allows";

    private static List<CapReference> References(string sender, string stixId, IEnumerable<AlertVersion> versions) =>
        [.. versions.OrderBy(v => v.Revision).Select(v => new CapReference(sender, IdentifierOf(stixId, v.Revision), Utc(v.At)))];

    private static CapArea? Area(Alert alert)
    {
        if (alert.Area is null && alert.SectorCodes.Count == 0)
        {
            return null;
        }

        var polygons = new List<CapPolygon>();
        var circles = new List<CapCircle>();
        if (alert.Area is { } area)
        {
            using var json = JsonDocument.Parse(area.Json);
            var root = json.RootElement;
            if (area.Type == AlertArea.Circle)
            {
                circles.Add(new CapCircle(
                    new CapPoint(root.GetProperty("latitude").GetDouble(), root.GetProperty("longitude").GetDouble()),
                    root.GetProperty("radius").GetDouble() / 1000));
            }
            else
            {
                // CAP has no holes: the outer ring (RFC 7946 §3.1.6) bounds the area; GeoJSON is [longitude, latitude].
                var ring = root.GetProperty("coordinates")[0].EnumerateArray().Select(p => new CapPoint(p[1].GetDouble(), p[0].GetDouble())).ToList();
                polygons.Add(new CapPolygon(ring));
            }
        }

        return new CapArea
        {
            AreaDesc = alert.SectorCodes.Count > 0 ? $"Sectors {string.Join(", ", alert.SectorCodes)}" : alert.Title,
            Polygons = polygons,
            Circles = circles,
            Geocodes = [.. alert.SectorCodes.Select(code => new CapValuePair(SectorCode, code))],
        };
    }

    /// <summary>The area of a CAP area as Liaison's area JSON (GeoJSON Polygon, or Circle in metres); null when it has neither.</summary>
    public static JsonElement? AreaJsonOf(CapArea area)
    {
        ArgumentNullException.ThrowIfNull(area);
        JsonObject? node = null;
        if (area.Polygons.Count > 0)
        {
            var ring = new JsonArray([.. area.Polygons[0].Points.Select(p => (JsonNode)new JsonArray(p.Longitude, p.Latitude))]);
            node = new JsonObject { ["type"] = AlertArea.Polygon, ["coordinates"] = new JsonArray(ring) };
        }
        else if (area.Circles.Count > 0)
        {
            var circle = area.Circles[0];
            node = new JsonObject
            {
                ["type"] = AlertArea.Circle,
                ["latitude"] = circle.Center.Latitude,
                ["longitude"] = circle.Center.Longitude,
                ["radius"] = circle.RadiusKm * 1000,
            };
        }

        return node is null ? null : JsonDocument.Parse(node.ToJsonString()).RootElement.Clone();
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc), TimeSpan.Zero);
}
