namespace Liaison.Live;

/// <summary>Something on the node changed that an open desk page may want to show at once.</summary>
/// <param name="Topic">What changed: <c>alert</c>, <c>acknowledgement</c>, <c>escalation</c>, <c>request</c>, <c>message</c>, <c>incident</c>, <c>partner</c>, <c>received</c>, …</param>
/// <param name="Id">The record's STIX id or local id, when there is one.</param>
/// <param name="Party">The STIX identity of the party the change is addressed to, or null for every desk on this node.</param>
/// <param name="Precedence">For alerts: <c>flash</c>, <c>immediate</c>, <c>priority</c> or <c>routine</c>.</param>
/// <param name="Sector">The sector code it concerns, when it concerns one.</param>
public sealed record DeskSignal(string Topic, string? Id = null, string? Party = null, string? Precedence = null, string? Sector = null);

/// <summary>
/// The node's in-process notice board, one per host: handlers publish after their transaction commits; desk
/// components and the SignalR hub forwarder subscribe. Publishing never throws into the publisher.
/// </summary>
public sealed class DeskEvents(ILogger<DeskEvents> logger)
{
    /// <summary>Raised for every published signal, on the publisher's thread.</summary>
    public event Action<DeskSignal>? Published;

    /// <summary>Calls <paramref name="handler"/> for every signal published until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Action<DeskSignal> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        Published += handler;
        return new Subscription(this, handler);
    }

    /// <summary>Publishes <paramref name="signal"/> to every subscriber; a failing subscriber is logged and skipped.</summary>
    public void Publish(DeskSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        foreach (var handler in Published?.GetInvocationList().Cast<Action<DeskSignal>>() ?? [])
        {
            try
            {
                handler(signal);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A desk event subscriber failed on {Topic}", signal.Topic);
            }
        }
    }

    private sealed class Subscription(DeskEvents events, Action<DeskSignal> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                events.Published -= handler;
            }
        }
    }
}
