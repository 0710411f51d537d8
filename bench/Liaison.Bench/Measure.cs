using System.Diagnostics;

namespace Liaison.Bench;

/// <summary>Timing helpers shared by the benchmarks.</summary>
internal static class Measure
{
    /// <summary>The nearest-rank percentile (0–100) of <paramref name="values"/>.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);

    /// <summary>Milliseconds one call takes, <paramref name="times"/> times.</summary>
    public static async Task<List<double>> RepeatAsync(int times, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var samples = new List<double>(times);
        for (var i = 0; i < times; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        return samples;
    }

    /// <summary>
    /// The latency of a durable 4 KiB write (write, then fsync) on the disk the nodes' folders are on: the floor under
    /// any commit that promises "a 2xx means it is on disk".
    /// </summary>
    public static List<double> FsyncLatencies(string directory, int samples)
    {
        var path = Path.Combine(directory, "fsync-probe.bin");
        var block = new byte[4096];
        Random.Shared.NextBytes(block);
        var result = new List<double>(samples);
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            for (var i = 0; i < samples; i++)
            {
                var clock = Stopwatch.StartNew();
                file.Write(block);
                file.Flush(flushToDisk: true);
                result.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        File.Delete(path);
        return result;
    }

    /// <summary>Polls <paramref name="condition"/> until true; throws after <paramref name="timeout"/>.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, int pollMilliseconds = 50)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"timed out after {timeout.TotalSeconds:0} s waiting for: {what}");
            }

            await Task.Delay(pollMilliseconds);
        }

        return clock.Elapsed;
    }
}
