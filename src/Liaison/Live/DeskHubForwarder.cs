using Microsoft.AspNetCore.SignalR;

namespace Liaison.Live;

/// <summary>
/// Forwards every <see cref="DeskEvents"/> signal of this host to the hub: to the addressed party's group (or every
/// desk when it names no party), and to the sector's group for clients that follow a sector of another party's alert.
/// One per host, subscribed for the host's lifetime.
/// </summary>
public sealed class DeskHubForwarder(DeskEvents events, IHubContext<DeskHub> hub, ILogger<DeskHubForwarder> logger) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = events.Subscribe(Forward);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The groups a signal goes to. A connection in two of them gets it twice: a signal only says "re-read", so that is harmless.</summary>
    public static IReadOnlyList<string> GroupsOf(DeskSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var groups = new List<string> { signal.Party is null ? DeskHub.AllDesks : DeskHub.PartyGroup(signal.Party) };
        if (signal.Sector is not null)
        {
            groups.Add(DeskHub.SectorGroup(signal.Sector));
        }

        return groups;
    }

    private void Forward(DeskSignal signal)
    {
        // Publishers run inside a request or the ingest: never make them wait for the sockets.
        _ = SendAsync(signal);
    }

    private async Task SendAsync(DeskSignal signal)
    {
        try
        {
            await hub.Clients.Groups(GroupsOf(signal)).SendAsync(DeskHub.SignalMethod, signal);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not push {Topic} to the desk hub", signal.Topic);
        }
    }
}
