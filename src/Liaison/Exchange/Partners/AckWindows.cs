using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liaison.Features.Alerts;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liaison.Exchange.Partners;

/// <summary>One precedence's acknowledgement window on a link, as the partner list shows it.</summary>
public sealed record AckWindowView(long Seconds, string Duration, bool IsDefault);

/// <summary>
/// The acknowledgement windows the two parties agreed for a link, per precedence. The body names each precedence
/// with an ISO 8601 duration (<c>"PT5M"</c>, <c>"P1D"</c>) or a number of seconds; a precedence left out goes back
/// to its default. A higher precedence may not be given longer than a lower one.
/// </summary>
public static partial class AckWindows
{
    public static readonly TimeSpan Shortest = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Longest = TimeSpan.FromDays(7);

    public static async Task<Results<Ok<PartnerView>, ValidationProblem, ProblemHttpResult>> SetAsync(
        int id, Dictionary<string, JsonElement> body, LiaisonDbContext db, TimeProvider time, IOptions<ExchangeOptions> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(options);
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return PartnerProblems.NotFound(id);
        }

        var validation = new Validation();
        var windows = Parse(body ?? [], validation);
        if (!validation.IsValid)
        {
            return validation.Problem();
        }

        partner.SetAckWindows(windows);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok((await PartnerOverview.GetAsync(db, id, time.GetUtcNow().UtcDateTime, options.Value.PullInterval, cancellationToken))!);
    }

    /// <summary>Reads and checks the windows; every bad one is named in <paramref name="validation"/>.</summary>
    public static Dictionary<Precedence, TimeSpan> Parse(IReadOnlyDictionary<string, JsonElement> body, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(validation);
        var windows = new Dictionary<Precedence, TimeSpan>();
        foreach (var (name, value) in body)
        {
            if (Precedences.Parse(name) is not { } precedence)
            {
                validation.Add(name, "is not a precedence: use flash, immediate, priority or routine");
                continue;
            }

            var window = Duration(value);
            if (window is null)
            {
                validation.Add(name, "must be an ISO 8601 duration such as PT5M or P1D, or a whole number of seconds");
            }
            else if (window < Shortest || window > Longest)
            {
                validation.Add(name, $"must be between {Shortest.TotalSeconds:0} seconds and {Longest.TotalDays:0} days");
            }
            else
            {
                windows[precedence] = window.Value;
            }
        }

        // A more urgent precedence never gets more time than a less urgent one.
        var all = Enum.GetValues<Precedence>();
        for (var i = 0; i + 1 < all.Length; i++)
        {
            var higher = windows.GetValueOrDefault(all[i], Precedences.DefaultWindow(all[i]));
            var lower = windows.GetValueOrDefault(all[i + 1], Precedences.DefaultWindow(all[i + 1]));
            if (higher > lower)
            {
                var field = windows.ContainsKey(all[i]) ? Precedences.Name(all[i]) : Precedences.Name(all[i + 1]);
                validation.Add(field, $"{Precedences.Name(all[i])} ({Iso(higher)}) may not be longer than {Precedences.Name(all[i + 1])} ({Iso(lower)})");
            }
        }

        return windows;
    }

    public static IReadOnlyDictionary<string, AckWindowView> ViewOf(Partner partner)
    {
        ArgumentNullException.ThrowIfNull(partner);
        return Enum.GetValues<Precedence>().ToDictionary(
            Precedences.Name,
            p => new AckWindowView((long)partner.AckWindow(p).TotalSeconds, Iso(partner.AckWindow(p)), partner.IsDefaultAckWindow(p)));
    }

    /// <summary>An ISO 8601 duration in days, hours, minutes and seconds.</summary>
    public static string Iso(TimeSpan value)
    {
        var text = "P" + (value.Days > 0 ? $"{value.Days}D" : "");
        var time = (value.Hours > 0 ? $"{value.Hours}H" : "") + (value.Minutes > 0 ? $"{value.Minutes}M" : "") + (value.Seconds > 0 ? $"{value.Seconds}S" : "");
        return time.Length > 0 ? $"{text}T{time}" : text.Length > 1 ? text : "PT0S";
    }

    private static TimeSpan? Duration(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.TryGetInt32(out var seconds) ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var text = value.GetString()!.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return TimeSpan.FromSeconds(plain);
        }

        // ISO 8601 §4.4.3.2 with days, hours, minutes and seconds only: months and years have no fixed length.
        var match = IsoDuration().Match(text);
        if (!match.Success || text is "P" or "PT" || text.EndsWith('T'))
        {
            return null;
        }

        double Part(int group) => match.Groups[group].Success ? double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        return TimeSpan.FromDays(Part(1)) + TimeSpan.FromHours(Part(2)) + TimeSpan.FromMinutes(Part(3)) + TimeSpan.FromSeconds(Part(4));
    }

    [GeneratedRegex(@"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDuration();
}
