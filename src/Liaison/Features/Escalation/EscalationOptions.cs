using Liaison.Features.Alerts;

namespace Liaison.Features.Escalation;

/// <summary>
/// The duty ladder per precedence (configuration section <c>Escalation</c>). Each step names a rung and when it is
/// called after the alert is received: either <see cref="EscalationStepOption.Delay"/> (a fixed time) or
/// <see cref="EscalationStepOption.Fraction"/> of the acknowledgement window. A precedence not configured uses
/// <see cref="Default"/>: duty officer at receipt, supervisor at 40 % of the window, head of desk at 80 %,
/// everyone on duty at the deadline.
/// </summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>Keyed by precedence name (<c>flash</c>, <c>immediate</c>, <c>priority</c>, <c>routine</c>).</summary>
    public Dictionary<string, List<EscalationStepOption>> Ladders { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<EscalationStepOption> Default { get; } =
    [
        new() { Rung = "duty-officer", Fraction = 0 },
        new() { Rung = "supervisor", Fraction = 0.4 },
        new() { Rung = "head-of-desk", Fraction = 0.8 },
        new() { Rung = "everyone-on-duty", Fraction = 1.0 },
    ];

    /// <summary>The planned rungs and their delays after receipt, in firing order; unknown rungs are skipped.</summary>
    public IReadOnlyList<(EscalationRung Rung, TimeSpan Delay)> LadderFor(Precedence precedence, TimeSpan window)
    {
        var steps = Ladders.TryGetValue(Precedences.Name(precedence), out var configured) && configured.Count > 0 ? configured : Default;
        return [.. steps
            .Select(s => (Rung: EscalationRungs.Parse(s.Rung), Delay: s.Delay ?? window * Math.Clamp(s.Fraction ?? 0, 0, 10)))
            .Where(s => s.Rung is not null)
            .Select(s => (s.Rung!.Value, s.Delay < TimeSpan.Zero ? TimeSpan.Zero : s.Delay))
            .OrderBy(s => s.Item2)];
    }
}

/// <summary>One configured step: a rung (<c>duty-officer</c>, <c>supervisor</c>, <c>head-of-desk</c>, <c>everyone-on-duty</c>) and when.</summary>
public sealed class EscalationStepOption
{
    public string Rung { get; set; } = "";

    /// <summary>A fixed delay after receipt (e.g. <c>00:00:30</c>); wins over <see cref="Fraction"/>.</summary>
    public TimeSpan? Delay { get; set; }

    /// <summary>A share of the acknowledgement window (0.4 = 40 %).</summary>
    public double? Fraction { get; set; }
}
