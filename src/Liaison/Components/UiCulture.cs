using System.Globalization;

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

    /// <summary>The country's name in the reader's language, falling back to the ISO code.</summary>
    public static string CountryName(string code)
    {
        try
        {
            return new RegionInfo(code).DisplayName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
