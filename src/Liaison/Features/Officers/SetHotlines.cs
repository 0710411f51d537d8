using Liaison.Exchange.Partners;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Features.Officers;

/// <summary>
/// An administrator records the partner desk's hotline numbers on the link, as agreed out of band: what the desk
/// calls when an alert to that partner goes unacknowledged. The list replaces the previous one; an empty list clears it.
/// </summary>
public static class SetHotlines
{
    public const int MaxHotlines = 10;
    public const int LabelLength = 100;

    public sealed record Line(string? Label, string? Number);

    public sealed record Request(List<Line?>? Hotlines);

    /// <summary>Checks every line; each bad one is named as <c>hotlines[i].label</c> or <c>hotlines[i].number</c>.</summary>
    public static List<Hotline>? Check(Request? request, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (request?.Hotlines is not { } lines)
        {
            validation.Add("hotlines", "is required: a list of {label, number}; an empty list clears the numbers");
            return null;
        }

        validation.When(lines.Count > MaxHotlines, "hotlines", $"at most {MaxHotlines} hotline numbers");
        var checkedLines = new List<Hotline>();
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Count; i++)
        {
            var field = $"hotlines[{i}]";
            if (lines[i] is not { } line)
            {
                validation.Add(field, "must be an object with label and number");
                continue;
            }

            var label = line.Label?.Trim();
            var number = line.Number?.Trim();
            validation.Require($"{field}.label", label, LabelLength);
            if (string.IsNullOrEmpty(number))
            {
                validation.Add($"{field}.number", "is required");
            }
            else if (!SaveOfficer.IsPhoneNumber(number))
            {
                validation.Add($"{field}.number", "must be a phone number, e.g. +98 54 1234 5678");
            }
            else if (!numbers.Add(number))
            {
                validation.Add($"{field}.number", "is listed twice");
            }
            else if (!string.IsNullOrEmpty(label) && label.Length <= LabelLength)
            {
                checkedLines.Add(new Hotline(label, number));
            }
        }

        return validation.IsValid ? checkedLines : null;
    }

    public static async Task<Results<Ok<List<HotlineView>>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        int id, Request request, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var partner = await db.Partners.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (partner is null)
        {
            return PartnerProblems.NotFound(id);
        }

        var validation = new Validation();
        if (Check(request, validation) is not { } hotlines)
        {
            return validation.Problem();
        }

        partner.SetHotlines(hotlines);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(partner.Hotlines.Select(h => new HotlineView(h.Label, h.Number)).ToList());
    }
}
