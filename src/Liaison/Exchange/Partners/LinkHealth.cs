namespace Liaison.Exchange.Partners;

/// <summary>How the link to a partner is doing, as an administrator reads it at a glance.</summary>
public enum LinkHealth
{
    /// <summary>Trusted, heard from within a few poll intervals, and the last attempt worked.</summary>
    Ok,

    /// <summary>Trusted, but the last attempts failed or the partner has been quiet for longer than a few polls.</summary>
    Degraded,

    /// <summary>Trusted, and many attempts in a row failed or nothing has been heard for a long while.</summary>
    Down,

    /// <summary>Pending or suspended: the link is not exercised, so its health is not measured.</summary>
    Inactive,
}

/// <summary>
/// Link health from what the relay and the puller record on the partner. A trusted partner is polled every
/// <see cref="ExchangeOptions.PullInterval"/>, and each successful poll or push is a contact, so silence is
/// measured in poll intervals: the rule holds whatever the interval is configured to.
/// </summary>
public static class LinkHealthRule
{
    /// <summary>Consecutive failures from which the link counts as down.</summary>
    public const int DownAfterFailures = 5;

    /// <summary>Poll intervals without contact after which the link is degraded.</summary>
    public const int DegradedAfterIntervals = 3;

    /// <summary>Poll intervals without contact after which the link is down.</summary>
    public const int DownAfterIntervals = 10;

    public static LinkHealth Of(PartnerState state, DateTime? lastContactAt, DateTime? trustedAt, int consecutiveFailures, DateTime now, TimeSpan pullInterval)
    {
        if (state != PartnerState.Trusted)
        {
            return LinkHealth.Inactive;
        }

        if (consecutiveFailures >= DownAfterFailures)
        {
            return LinkHealth.Down;
        }

        // A partner trusted a moment ago has not been polled yet: count its silence from the trust.
        var heard = lastContactAt ?? trustedAt;
        var silence = heard is { } at ? now - at : TimeSpan.MaxValue;
        if (silence > pullInterval * DownAfterIntervals)
        {
            return LinkHealth.Down;
        }

        return consecutiveFailures > 0 || silence > pullInterval * DegradedAfterIntervals ? LinkHealth.Degraded : LinkHealth.Ok;
    }
}
