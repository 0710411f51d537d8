namespace Liaison.Features.Alerts;

/// <summary>
/// How fast an alert must be handled, highest first (the military message precedences). Each partner link sets
/// the acknowledgement window for each precedence; the defaults are FLASH 5 min, IMMEDIATE 15 min, PRIORITY 1 h,
/// ROUTINE 24 h.
/// </summary>
public enum Precedence
{
    Flash,
    Immediate,
    Priority,
    Routine,
}

public static class Precedences
{
    /// <summary>The default acknowledgement window of <paramref name="precedence"/>, before a partner link sets its own.</summary>
    public static TimeSpan DefaultWindow(Precedence precedence) => precedence switch
    {
        Precedence.Flash => TimeSpan.FromMinutes(5),
        Precedence.Immediate => TimeSpan.FromMinutes(15),
        Precedence.Priority => TimeSpan.FromHours(1),
        Precedence.Routine => TimeSpan.FromHours(24),
        _ => throw new ArgumentOutOfRangeException(nameof(precedence)),
    };

    /// <summary>The name on the wire and in the API: <c>flash</c>, <c>immediate</c>, <c>priority</c>, <c>routine</c>.</summary>
    public static string Name(Precedence precedence) => precedence.ToString().ToLowerInvariant();

    public static Precedence? Parse(string? name) =>
        Enum.TryParse<Precedence>(name, ignoreCase: true, out var value) && Enum.IsDefined(value) && !int.TryParse(name, out _) ? value : null;
}
