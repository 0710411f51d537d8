namespace Liaison.Exchange;

/// <summary>How often the relay and the puller run, and how much they move at once (configuration section <c>Exchange</c>).</summary>
public sealed class ExchangeOptions
{
    public const string Section = "Exchange";

    /// <summary>Off in tests that drive <see cref="Relay"/> and <see cref="Puller"/> by hand.</summary>
    public bool RunInBackground { get; set; } = true;

    /// <summary>How long the relay sleeps when its outbox holds nothing due (it is also woken by every new share).</summary>
    public TimeSpan RelayIdle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The anti-entropy poll of each trusted partner; also run at every reconnection.</summary>
    public TimeSpan PullInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Objects per pushed envelope.</summary>
    public int PushBatch { get; set; } = 200;

    /// <summary>Objects per pulled page (the partner may return fewer).</summary>
    public int PullPage { get; set; } = 500;

    public TimeSpan RetryFirst { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryCap { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Transport failures before a row becomes a dead letter (about three days at the cap).</summary>
    public int RetryAttempts { get; set; } = 1000;

    public RetrySchedule Retry => new(RetryFirst, RetryCap, RetryAttempts);
}
