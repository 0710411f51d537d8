using System.Globalization;

namespace Liaison.Node;

/// <summary>
/// The system clock moved by a fixed offset (configuration <c>Node:ClockOffset</c>, e.g. <c>00:04:00</c> or
/// <c>-00:03:30</c>). For fault-injection trials only: a node whose clock is wrong, as a real one may be. Timers keep
/// the system's pace; only "now" moves.
/// </summary>
public sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public const string Key = "Node:ClockOffset";

    public TimeSpan Offset { get; } = offset;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    /// <summary>The system clock, or the offset one when <see cref="Key"/> is set to a non-zero time span.</summary>
    public static TimeProvider From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return System;
        }

        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var offset))
        {
            throw new InvalidOperationException($"{Key} must be a time span such as 00:04:00 or -00:02:00, not '{text}'");
        }

        return offset == TimeSpan.Zero ? System : new OffsetClock(offset);
    }
}
