using Microsoft.Extensions.Options;

namespace Liaison.Exchange;

/// <summary>
/// Runs the relay whenever there may be something to push, and the puller on its interval and at reconnections.
/// Timers are in real time; what is due is decided by the node's <see cref="TimeProvider"/>.
/// </summary>
public sealed class ExchangeWorker(Relay relay, Puller puller, IOptions<ExchangeOptions> options, ILogger<ExchangeWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        options.Value.RunInBackground ? Task.WhenAll(PushLoopAsync(stoppingToken), PullLoopAsync(stoppingToken)) : Task.CompletedTask;

    private async Task PushLoopAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var signal = Relay.WorkSignal;
                await relay.PushOnceAsync(stoppingToken);
                await Task.WhenAny(signal, Task.Delay(options.Value.RelayIdle, stoppingToken));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Relay pass failed; retrying");
                await Task.Delay(options.Value.RelayIdle, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task PullLoopAsync(CancellationToken stoppingToken)
    {
        var nextFull = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var woken = await puller.WaitForWakeAsync(nextFull, stoppingToken);
                if (woken is { } partnerId)
                {
                    await puller.PullAsync(partnerId, stoppingToken);
                    continue;
                }

                await puller.PullAllAsync(stoppingToken);
                nextFull = options.Value.PullInterval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Pull pass failed; retrying");
                nextFull = options.Value.PullInterval;
            }
        }
    }
}
