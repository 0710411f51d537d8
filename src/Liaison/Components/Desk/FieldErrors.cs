using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Liaison.Components.Desk;

/// <summary>
/// What the feature handlers refused, keyed by the field names the API uses (<c>title</c>, <c>occurred.start</c>),
/// so each message can stand beside its field. The handlers speak English; the rules a person meets on a form
/// are translated, anything rarer passes through as written.
/// </summary>
public sealed partial class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public int Count => _errors.Count;

    /// <summary>Changes whenever problems are added, so a summary knows a new refusal arrived and can take focus.</summary>
    public int Generation { get; private set; }

    public IReadOnlyList<string> For(string field) => _errors.TryGetValue(field, out var list) ? list : [];

    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>Errors on fields whose names start with <paramref name="prefix"/>, e.g. a source row.</summary>
    public bool HasUnder(string prefix) => _errors.Keys.Any(k => k.StartsWith(prefix, StringComparison.Ordinal));

    public IEnumerable<string> Fields => _errors.Keys;

    public void Clear() => _errors.Clear();

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
        Generation++;
    }

    /// <summary>Replaces the errors with those of <paramref name="problem"/>, translated.</summary>
    public void Load(ValidationProblem problem, IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(localizer);
        Clear();
        foreach (var (field, messages) in problem.ProblemDetails.Errors)
        {
            foreach (var message in messages)
            {
                Add(field, Translate(localizer, message));
            }
        }
    }

    /// <summary>The common validation sentences of <c>Liaison.Http.Validation</c> callers, in the reader's language.</summary>
    public static string Translate(IStringLocalizer localizer, string message)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(message);
        if (message is "is required" or "is required and must be an array")
        {
            return localizer["Error.Required"];
        }

        if (MaxLength().Match(message) is { Success: true } max)
        {
            return localizer["Error.MaxLength", Number(max.Groups[1].Value)];
        }

        if (Between().Match(message) is { Success: true } between)
        {
            return localizer["Error.Between", Number(between.Groups[1].Value), Number(between.Groups[2].Value)];
        }

        if (NoSector().Match(message) is { Success: true } sector)
        {
            return localizer["Error.NoSector", sector.Groups[1].Value];
        }

        if (ShiftLength().Match(message) is { Success: true } shift)
        {
            return localizer["Error.ShiftLength", Number(shift.Groups[1].Value)];
        }

        if (CodeShape().IsMatch(message))
        {
            return localizer["Error.CodeShape"];
        }

        var key = message switch
        {
            "is in the future" => "Error.Future",
            "is before occurred.start" or "must be after start" or "is before from" => "Error.EndBeforeStart",
            "is required when precision is range" => "Error.EndRequired",
            "is only for precision range" => "Error.EndOnlyForRange",
            "latitude and longitude go together" => "Error.LatLonTogether",
            "must be an absolute http(s) URL" => "Error.Url",
            "must be an e-mail address" => "Error.Email",
            "must be 1 to 6 (Admiralty code)" => "Error.Credibility",
            "a retracted record cannot be revised" => "Error.Retracted",
            _ when message.StartsWith("must be a phone number", StringComparison.Ordinal) => "Error.Phone",
            _ when message.StartsWith("must name the radio channel", StringComparison.Ordinal) => "Error.Radio",
            _ when message.StartsWith("must be a BCP 47 language tag", StringComparison.Ordinal) => "Error.LanguageTag",
            _ when message.StartsWith("a TLP:RED record never leaves", StringComparison.Ordinal) => "Error.RedStaysHome",
            _ when message.EndsWith("with this code already exists", StringComparison.Ordinal) => "Error.CodeTaken",
            _ when message.StartsWith("must be one of", StringComparison.Ordinal) => "Error.OneOf",
            _ when message.StartsWith("must be an ISO 8601 instant", StringComparison.Ordinal) => "Error.Instant",
            _ => null,
        };
        return key is null ? message : localizer[key];
    }

    private static string Number(string invariant) =>
        double.TryParse(invariant, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value.ToString("N0", CultureInfo.CurrentCulture) : invariant;

    [GeneratedRegex(@"^must be at most (\d+) characters$", RegexOptions.CultureInvariant)]
    private static partial Regex MaxLength();

    [GeneratedRegex(@"^must be between (-?\d+) and (-?\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Between();

    [GeneratedRegex(@"^no sector has (?:the )?code '(.*)'$", RegexOptions.CultureInvariant)]
    private static partial Regex NoSector();

    [GeneratedRegex(@"^a shift lasts at most (\d+) days$", RegexOptions.CultureInvariant)]
    private static partial Regex ShiftLength();

    [GeneratedRegex(@"^must be up to \d+ letters, digits and inner hyphens", RegexOptions.CultureInvariant)]
    private static partial Regex CodeShape();
}

/// <summary>Attribute values that tie an input to its hint and its error message.</summary>
public static class FieldErrorsAttributes
{
    /// <summary><c>aria-describedby</c>: the error first (read first), then the hint when there is one.</summary>
    public static string? DescribedBy(this FieldErrors? errors, string name, string id, bool hint = false)
    {
        var parts = new List<string>(2);
        if (errors?.Has(name) == true)
        {
            parts.Add($"{id}-error");
        }

        if (hint)
        {
            parts.Add($"{id}-hint");
        }

        return parts.Count == 0 ? null : string.Join(' ', parts);
    }

    /// <summary><c>aria-invalid</c>: present only on a field with a problem.</summary>
    public static string? Invalid(this FieldErrors? errors, string name) => errors?.Has(name) == true ? "true" : null;
}
