using System.Text.RegularExpressions;
using Liaison.Http;

namespace Liaison.Features.Sectors;

/// <summary>Codes of sectors and posts: upper-case letters, digits and inner hyphens, e.g. <c>TFT-MJV</c>.</summary>
public static partial class SectorCode
{
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Trim().ToUpperInvariant();
    }

    /// <summary>The normalised code, or null after naming <paramref name="field"/> in <paramref name="validation"/>.</summary>
    public static string? Check(string? code, string field, Validation validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        if (string.IsNullOrWhiteSpace(code))
        {
            validation.Add(field, "is required");
            return null;
        }

        var normalised = Normalize(code);
        if (normalised.Length > Sector.CodeLength || !Pattern().IsMatch(normalised))
        {
            validation.Add(field, $"must be up to {Sector.CodeLength} letters, digits and inner hyphens, e.g. TFT-MJV");
            return null;
        }

        return normalised;
    }

    [GeneratedRegex("^[A-Z0-9]+(-[A-Z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
