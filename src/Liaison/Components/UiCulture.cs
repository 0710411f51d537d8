using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Liaison.Components;

/// <summary>The languages the desk is offered in, each named in its own script so anyone can find theirs.</summary>
public static class UiCulture
{
    public static readonly IReadOnlyList<(string Code, string NativeName)> Languages =
    [
        ("en", "English"),
        ("fa", "فارسی"),
        ("ur", "اردو"),
    ];

    public static string Direction(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TextInfo.IsRightToLeft ? "rtl" : "ltr";
    }

    /// <summary>
    /// The country's name in the reader's language. .NET only knows region names in English and in the region's
    /// own language, so the neighbours likely to use Liaison are translated in the resources; others fall back to English.
    /// </summary>
    public static string CountryName(IStringLocalizer localizer, string code)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (localizer["Country." + code] is { ResourceNotFound: false } name)
        {
            return name.Value;
        }

        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }

    /// <summary>A long date that reads naturally in every offered language (and in the Solar Hijri calendar for Persian).</summary>
    public const string LongDate = "dddd d MMMM yyyy";
}
