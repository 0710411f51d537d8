using Liaison.Storage;
using Microsoft.Extensions.Options;

namespace Liaison.Timers;

/// <summary>The due-work timer's settings (configuration section <c>Timers</c>).</summary>
public sealed class DueWorkerOptions
{
    public const string Section = "Timers";

    /// <summary>How often the timer looks for due work; 1 s by default.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Off in tests that drive <see cref="DueWorker.RunOnceAsync"/> themselves.</summary>
    public bool RunInBackground { get; set; } = true;
}

/// <summary>
/// The durable timer: on each tick it runs every registered <see cref="IDueWork"/>, each in its own scope (its own
/// context, which opens its own transactions), at the node's <see cref="TimeProvider"/> time. Due times live in the
/// database, so a node that was down does on its first tick everything that fell due meanwhile. Several instances
/// on one database are safe because each work claims what it fires with a conditional update.
/// </summary>
public sealed class DueWorker(IServiceScopeFactory scopes, TimeProvider time, IOptions<DueWorkerOptions> options, ILogger<DueWorker> logger) : BackgroundService
{
    /// <summary>Runs every due work once at <paramref name="now"/>; a failing work is logged and the others still run. Answers how many items were handled.</summary>
    public async Task<int> RunOnceAsync(DateTime now, CancellationToken cancellationToken = default)
    {
        var handled = 0;
        Type[] kinds;
        using (var scope = scopes.CreateScope())
        {
            kinds = [.. scope.ServiceProvider.GetServices<IDueWork>().Select(w => w.GetType())];
        }

        foreach (var kind in kinds)
        {
            using var scope = scopes.CreateScope();
            var work = scope.ServiceProvider.GetServices<IDueWork>().First(w => w.GetType() == kind);
            var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            try
            {
                handled += await work.RunDueAsync(db, now, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Due work {Work} failed; it runs again next tick", kind.Name);
            }
        }

        return handled;
    }

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RunInBackground)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Tick, time);
        do
        {
            try
            {
                await RunOnceAsync(time.GetUtcNow().UtcDateTime, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
