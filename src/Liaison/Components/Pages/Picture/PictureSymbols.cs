using System.Globalization;

namespace Liaison.Components.Pages.Picture;

/// <summary>
/// The map's symbols as inline SVG, one shape and colour per incident category, so the map, its legend and the
/// table of visible records draw the same thing. Shape tells categories apart without colour vision.
/// </summary>
public static class PictureSymbols
{
    private static readonly Dictionary<string, (string Shape, string Colour)> Incidents = new(StringComparer.Ordinal)
    {
        ["armed-clash"] = ("M12 2.5 21.5 20.5H2.5Z", "#b91c1c"),
        ["attack-on-security-forces"] = ("M4 4H20V20H4Z", "#9a3412"),
        ["attack-on-civilians"] = ("M12 2 22 12 12 22 2 12Z", "#7e22ce"),
        ["cross-border-strike"] = ("M12 1.5 14.8 8.6 22.5 9 16.5 13.9 18.5 21.5 12 17.3 5.5 21.5 7.5 13.9 1.5 9 9.2 8.6Z", "#be123c"),
        ["bombing-ied"] = ("M12 2 20.7 7V17L12 22 3.3 17V7Z", "#1f2937"),
        ["kidnapping"] = ("M12 2 22 9.5 18 21H6L2 9.5Z", "#a16207"),
        ["smuggling-interdiction"] = ("M12 3A9 9 0 1 1 11.99 3Z", "#0f766e"),
        ["border-violation"] = ("M2.5 3.5H21.5L12 21.5Z", "#1d4ed8"),
        ["other"] = ("M9 3H15V9H21V15H15V21H9V15H3V9H9Z", "#4b5563"),
    };

    /// <summary>The categories in legend order.</summary>
    public static IEnumerable<string> Categories => Incidents.Keys;

    public static string Incident(string? category)
    {
        var (shape, colour) = Incidents.GetValueOrDefault(category ?? "other", Incidents["other"]);
        return Svg(shape, colour, 22);
    }

    public static string Post() => Svg("M5 5H19V19H5Z", "#111827", 12);

    /// <summary>A swatch for an alert area in <paramref name="state"/> (in-force, pending, expired, closed, cancelled).</summary>
    public static string Alert(string state)
    {
        var colour = state switch
        {
            "in-force" => "#b91c1c",
            "pending" => "#b45309",
            _ => "#6b7280",
        };
        var dash = state switch
        {
            "in-force" => "",
            "pending" => " stroke-dasharray=\"5 2\"",
            _ => " stroke-dasharray=\"1.5 3\"",
        };
        var opacity = state == "in-force" ? "0.3" : "0.1";
        return $"<svg class=\"symbol\" viewBox=\"0 0 24 24\" width=\"18\" height=\"18\" aria-hidden=\"true\" focusable=\"false\"><circle cx=\"12\" cy=\"12\" r=\"9\" fill=\"{colour}\" fill-opacity=\"{opacity}\" stroke=\"{colour}\" stroke-width=\"2.5\"{dash}/></svg>";
    }

    public static string Sector() =>
        "<svg class=\"symbol\" viewBox=\"0 0 24 24\" width=\"18\" height=\"18\" aria-hidden=\"true\" focusable=\"false\"><path d=\"M2 18 9 9 15 14 22 5\" fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"3.5\" stroke-linejoin=\"round\"/></svg>";

    private static string Svg(string path, string colour, int size) => string.Create(CultureInfo.InvariantCulture,
        $"<svg class=\"symbol\" viewBox=\"0 0 24 24\" width=\"{size}\" height=\"{size}\" aria-hidden=\"true\" focusable=\"false\"><path d=\"{path}\" fill=\"{colour}\" stroke=\"#ffffff\" stroke-width=\"1.8\" stroke-linejoin=\"round\"/></svg>");
}
