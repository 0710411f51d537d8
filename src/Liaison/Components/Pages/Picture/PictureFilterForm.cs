using Liaison.Features.Picture;

namespace Liaison.Components.Pages.Picture;

/// <summary>The filter controls of the map and timeline, as the person set them.</summary>
public sealed class PictureFilterForm
{
    public bool Incidents { get; set; } = true;

    public bool Alerts { get; set; } = true;

    public bool Sectors { get; set; } = true;

    public bool Posts { get; set; } = true;

    public string? Category { get; set; }

    public string? Sector { get; set; }

    public string? Party { get; set; }

    public string? Tlp { get; set; }

    /// <summary>The time slider: hours before now (0 or less; 0 is now, which follows the clock).</summary>
    public int Offset { get; set; }

    /// <summary>One of <see cref="PictureFilter.WindowHours"/>; 0 is all time.</summary>
    public int WindowHours { get; set; }

    /// <summary>The filter at <paramref name="now"/>, with the moment rounded down to the minute.</summary>
    public PictureFilter ToFilter(DateTime now)
    {
        var kinds = new HashSet<string>(StringComparer.Ordinal);
        if (Incidents)
        {
            kinds.Add("incident");
        }

        if (Alerts)
        {
            kinds.Add("alert");
        }

        if (Sectors)
        {
            kinds.Add("sector");
        }

        if (Posts)
        {
            kinds.Add("post");
        }

        return new PictureFilter(kinds, Blank(Category), Blank(Sector), Blank(Party), Blank(Tlp), now.AddHours(Math.Min(0, Offset)),
            WindowHours > 0 ? TimeSpan.FromHours(WindowHours) : null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
