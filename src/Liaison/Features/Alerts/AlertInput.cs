using System.Text.Json;
using Liaison.Exchange;
using Liaison.Features.Incidents;
using Liaison.Features.Parties;
using Liaison.Http;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Alerts;

/// <summary>
/// An alert as a client sends it, to raise or to update. Enumerations and instants arrive as strings so that a bad
/// value is named with its field instead of failing the whole body.
/// </summary>
public sealed record AlertInput
{
    /// <summary>flash, immediate, priority or routine.</summary>
    public string? Precedence { get; init; }

    public string? Title { get; init; }

    /// <summary>The threat.</summary>
    public string? Description { get; init; }

    /// <summary>A GeoJSON Polygon, or <c>{"type": "Circle", "latitude", "longitude", "radius"}</c> (metres).</summary>
    public JsonElement? Area { get; init; }

    public IReadOnlyList<string>? SectorCodes { get; init; }

    /// <summary>ISO 8601 instant with an offset; default now.</summary>
    public string? ValidFrom { get; init; }

    public string? ValidUntil { get; init; }

    /// <summary>clear, green, amber, amber-strict (TLP 2.0). Default amber. An alert is for a partner, so never red.</summary>
    public string? Tlp { get; init; }

    /// <summary>Partner identity ids; empty means every partner the TLP allows.</summary>
    public IReadOnlyList<string>? Recipients { get; init; }
}

/// <summary>A party an alert goes to, and the acknowledgement window its link sets for the alert's precedence.</summary>
public sealed record Addressee(Party Party, TimeSpan Window);

public static class AlertValidation
{
    /// <summary>Checks every field; null when anything is wrong. The addressees are the parties the alert will go to.</summary>
    public static async Task<(AlertContent Content, IReadOnlyList<Addressee> Addressees)?> ValidateAsync(
        AlertInput input, LiaisonDbContext db, DateTime now, Validation validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(validation);
        var precedence = Precedences.Parse(input.Precedence?.Trim());
        validation.When(string.IsNullOrWhiteSpace(input.Precedence), "precedence", "is required")
            .When(!string.IsNullOrWhiteSpace(input.Precedence) && precedence is null, "precedence", "must be one of: flash, immediate, priority, routine")
            .Require("title", input.Title, 200)
            .When(input.Description?.Length > 10_000, "description", "must be at most 10000 characters");

        var area = AlertArea.Read(input.Area, "area", validation);
        var sectors = (input.SectorCodes ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();
        var known = await db.Sectors.Where(s => sectors.Contains(s.Code)).Select(s => s.Code).ToListAsync(cancellationToken);
        for (var i = 0; i < sectors.Count; i++)
        {
            validation.When(!known.Contains(sectors[i]), $"sectorCodes[{i}]", $"no sector has code '{sectors[i]}'");
        }

        validation.When(area is null && sectors.Count == 0 && input.Area is not { ValueKind: JsonValueKind.Object }, "area", "an alert needs an area, sector codes, or both");

        var from = input.ValidFrom is null ? now : UtcInstant.Parse(input.ValidFrom, "validFrom", validation);
        var until = UtcInstant.Parse(input.ValidUntil, "validUntil", validation);
        validation.When(until is not null && from is not null && until <= from, "validUntil", "must be after validFrom")
            .When(until is not null && until <= now, "validUntil", "is in the past: the warning would never apply");

        TlpLevel? tlp = TlpLevel.Amber;
        if (input.Tlp is not null)
        {
            tlp = Enum.GetValues<TlpLevel>().Where(l => string.Equals(IncidentValidation.WireName(l), input.Tlp.Trim().Replace('+', '-'), StringComparison.OrdinalIgnoreCase))
                .Select(l => (TlpLevel?)l).FirstOrDefault();
            validation.When(tlp is null, "tlp", "must be one of: clear, green, amber, amber-strict")
                .When(tlp == TlpLevel.Red, "tlp", "an alert is a warning to a partner, and TLP:RED never leaves this node: choose amber or amber-strict");
        }

        var recipients = (input.Recipients ?? []).Distinct().ToList();
        var addressees = tlp is null or TlpLevel.Red || precedence is null
            ? []
            : await AddresseesAsync(db, tlp.Value, precedence.Value, recipients, validation, cancellationToken);

        if (!validation.IsValid)
        {
            return null;
        }

        var content = new AlertContent(precedence!.Value, input.Title!.Trim(), string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            area, sectors, from!.Value, until!.Value, tlp!.Value, recipients);
        return (content, addressees);
    }

    /// <summary>
    /// The named partner parties, or — when none are named — every partner link the release policy lets the alert
    /// travel to (DESIGN §3 releasability). Each with its link's window for the precedence (the default without a link).
    /// </summary>
    private static async Task<IReadOnlyList<Addressee>> AddresseesAsync(
        LiaisonDbContext db, TlpLevel tlp, Precedence precedence, List<string> recipients, Validation validation, CancellationToken cancellationToken)
    {
        var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
        var links = await db.Partners.Include(p => p.Party).Where(p => p.State != PartnerState.Pending).ToListAsync(cancellationToken);
        if (recipients.Count > 0)
        {
            var parties = await db.Parties.Where(p => !p.IsSelf && recipients.Contains(p.StixId)).ToListAsync(cancellationToken);
            for (var i = 0; i < recipients.Count; i++)
            {
                validation.When(parties.All(p => p.StixId != recipients[i]), $"recipients[{i}]", $"'{recipients[i]}' is not a partner party of this node");
            }

            return [.. parties.Select(p => new Addressee(p, links.FirstOrDefault(l => l.PartyId == p.Id)?.AckWindow(precedence) ?? Precedences.DefaultWindow(precedence)))];
        }

        if (tlp == TlpLevel.AmberStrict)
        {
            validation.Add("recipients", "TLP:AMBER+STRICT goes only to named parties: name the recipients");
            return [];
        }

        var facts = new ReleaseFacts(self.Id, tlp, [], []);
        var addressees = links.Where(l => ReleasePolicy.Decide(facts, self.Id, l.PartyId, l.Party.StixId) == ReleaseVerdict.Release)
            .Select(l => new Addressee(l.Party, l.AckWindow(precedence))).ToList();
        validation.When(addressees.Count == 0, "recipients", "no partner link would carry this alert: pair with a partner first, or name the recipients");
        return addressees;
    }
}
