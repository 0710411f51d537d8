using Liaison.Exchange;
using Liaison.Features.Alerts;
using Liaison.Features.Incidents;
using Liaison.Features.Parties;
using Liaison.Http;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Requests;

/// <summary>Limits on what a request and its responses may hold.</summary>
public static class RequestLimits
{
    public const int Subject = 200;
    public const int Questions = 20;
    public const int Question = 2000;
    public const int Text = 10_000;
    public const int Reason = 2000;
    public const int Name = 200;
    public const int Refs = 50;
}

/// <summary>
/// A request as a client sends it. Enumerations and instants arrive as strings so that a bad value is named with
/// its field instead of failing the whole body.
/// </summary>
public sealed record RequestInput
{
    /// <summary>The partner party's identity id the request goes to.</summary>
    public string? To { get; init; }

    /// <summary>information (default) or assistance.</summary>
    public string? Kind { get; init; }

    public string? Subject { get; init; }

    /// <summary>One or more questions.</summary>
    public IReadOnlyList<string>? Questions { get; init; }

    /// <summary>flash, immediate, priority or routine: the alerts' precedence scale.</summary>
    public string? Priority { get; init; }

    /// <summary>ISO 8601 instant with an offset; must be in the future.</summary>
    public string? Due { get; init; }

    /// <summary>clear, green, amber (default), amber-strict. Never red: a request is for a partner.</summary>
    public string? Tlp { get; init; }

    public IReadOnlyList<string>? SectorCodes { get; init; }

    /// <summary>STIX ids of records this node holds that the request refers to.</summary>
    public IReadOnlyList<string>? RecordRefs { get; init; }
}

public static class RequestValidation
{
    /// <summary>Checks every field; null when anything is wrong.</summary>
    public static async Task<(RequestContent Content, Party To)?> ValidateAsync(
        RequestInput input, LiaisonDbContext db, DateTime now, Validation validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(validation);
        var kind = input.Kind?.Trim().ToLowerInvariant() switch
        {
            null or "" or "information" => (RequestKind?)RequestKind.Information,
            "assistance" => RequestKind.Assistance,
            _ => null,
        };
        validation.When(kind is null, "kind", "must be information or assistance")
            .Require("subject", input.Subject, RequestLimits.Subject);

        var questions = (input.Questions ?? []).ToList();
        validation.When(questions.Count == 0, "questions", "ask at least one question")
            .When(questions.Count > RequestLimits.Questions, "questions", $"at most {RequestLimits.Questions} questions");
        for (var i = 0; i < questions.Count && i < RequestLimits.Questions; i++)
        {
            validation.Require($"questions[{i}]", questions[i], RequestLimits.Question);
        }

        var priority = Precedences.Parse(input.Priority?.Trim());
        validation.When(string.IsNullOrWhiteSpace(input.Priority), "priority", "is required")
            .When(!string.IsNullOrWhiteSpace(input.Priority) && priority is null, "priority", "must be one of: flash, immediate, priority, routine");

        var due = UtcInstant.Parse(input.Due, "due", validation);
        validation.When(due is not null && due <= now, "due", "is in the past: give the partner time to answer");

        TlpLevel? tlp = TlpLevel.Amber;
        if (input.Tlp is not null)
        {
            tlp = Enum.GetValues<TlpLevel>().Where(l => string.Equals(IncidentValidation.WireName(l), input.Tlp.Trim().Replace('+', '-'), StringComparison.OrdinalIgnoreCase))
                .Select(l => (TlpLevel?)l).FirstOrDefault();
            validation.When(tlp is null, "tlp", "must be one of: clear, green, amber, amber-strict")
                .When(tlp == TlpLevel.Red, "tlp", "a request goes to a partner, and TLP:RED never leaves this node: choose amber or amber-strict");
        }

        var sectors = (input.SectorCodes ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();
        var known = await db.Sectors.Where(s => sectors.Contains(s.Code)).Select(s => s.Code).ToListAsync(cancellationToken);
        for (var i = 0; i < sectors.Count; i++)
        {
            validation.When(!known.Contains(sectors[i]), $"sectorCodes[{i}]", $"no sector has code '{sectors[i]}'");
        }

        var refs = await RecordRefsAsync(db, input.RecordRefs, "recordRefs", validation, cancellationToken);
        var to = await AddresseeAsync(db, input.To, tlp, validation, cancellationToken);
        if (!validation.IsValid)
        {
            return null;
        }

        var content = new RequestContent(kind!.Value, input.Subject!.Trim(), [.. questions.Select(q => q.Trim())], priority!.Value, due!.Value, tlp!.Value, sectors, refs);
        return (content, to!);
    }

    /// <summary>
    /// STIX ids of records this node holds in its exchange store (its own shared records and what partners released
    /// to it), each once; anything else is named as a bad field, so a reference always points at something real.
    /// </summary>
    public static async Task<IReadOnlyList<string>> RecordRefsAsync(
        LiaisonDbContext db, IReadOnlyList<string>? input, string field, Validation validation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(validation);
        var refs = (input ?? []).Select(r => r?.Trim() ?? "").ToList();
        validation.When(refs.Count > RequestLimits.Refs, field, $"at most {RequestLimits.Refs} references");
        var wellFormed = refs.Where(r => StixId.TryParse(r, out _)).Distinct().ToList();
        var held = await db.SharedObjects.Where(o => wellFormed.Contains(o.StixId)).Select(o => o.StixId).Distinct().ToListAsync(cancellationToken);
        for (var i = 0; i < refs.Count; i++)
        {
            if (!StixId.TryParse(refs[i], out _))
            {
                validation.Add($"{field}[{i}]", "must be a STIX id such as incident--<uuid>");
            }
            else if (!held.Contains(refs[i]))
            {
                validation.Add($"{field}[{i}]", $"this node holds no shared record '{refs[i]}'");
            }
        }

        return [.. refs.Distinct()];
    }

    /// <summary>The partner the request goes to; it must be a partner party whose link the release policy lets the request travel on.</summary>
    private static async Task<Party?> AddresseeAsync(LiaisonDbContext db, string? to, TlpLevel? tlp, Validation validation, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(to))
        {
            validation.Add("to", "is required: name the partner party the request goes to");
            return null;
        }

        var party = await db.Parties.SingleOrDefaultAsync(p => !p.IsSelf && p.StixId == to.Trim(), cancellationToken);
        if (party is null)
        {
            validation.Add("to", $"'{to}' is not a partner party of this node");
            return null;
        }

        var link = await db.Partners.AsNoTracking().Where(p => p.PartyId == party.Id && p.State != PartnerState.Pending).AnyAsync(cancellationToken);
        validation.When(!link, "to", $"no partner link with {party.Name} would carry the request: pair with it first");
        if (tlp is { } level and not TlpLevel.Red && link)
        {
            var self = await db.Parties.AsNoTracking().SelfAsync(cancellationToken);
            validation.When(ReleasePolicy.Decide(new ReleaseFacts(self.Id, level, [party.StixId], []), self.Id, party.Id, party.StixId) != ReleaseVerdict.Release,
                "to", $"the release policy does not let a TLP:{IncidentValidation.WireName(level)} request go to {party.Name}");
        }

        return party;
    }
}
