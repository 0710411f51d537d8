using System.Globalization;

namespace Liaison.Node;

/// <summary>
/// The node's clock: the system clock at microsecond resolution — the finest both databases store, so a time the
/// node mints (a STIX <c>modified</c>, a deadline) reads back from PostgreSQL exactly as written — optionally moved by
/// a fixed offset (configuration <c>Node:ClockOffset</c>, e.g. <c>00:04:00</c> or <c>-00:03:30</c>; for
/// fault-injection trials only: a node whose clock is wrong, as a real one may be). Timers keep the system's pace;
/// only "now" moves.
/// </summary>
public sealed class OffsetClock(TimeSpan offset) : TimeProvider
{
    public const string Key = "Node:ClockOffset";

    /// <summary>The system clock at microsecond resolution, without offset: what the CLI and an unskewed node use.</summary>
    public static readonly OffsetClock Microseconds = new(TimeSpan.Zero);

    public TimeSpan Offset { get; } = offset;

    public override DateTimeOffset GetUtcNow()
    {
        var now = System.GetUtcNow() + Offset;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }

    /// <summary>The microsecond clock, moved when <see cref="Key"/> is set to a non-zero time span.</summary>
    public static TimeProvider From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return Microseconds;
        }

        if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var offset))
        {
            throw new InvalidOperationException($"{Key} must be a time span such as 00:04:00 or -00:02:00, not '{text}'");
        }

        return offset == TimeSpan.Zero ? Microseconds : new OffsetClock(offset);
    }
}
