using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Liaison.Bench.Benchmarks;

/// <summary>
/// Start-to-ready time and idle memory of a node as operators run it: a separate <c>liaison serve</c> process on an
/// initialized folder, timed from process start to the first 200 from <c>/health/ready</c> (migrations checked,
/// database reachable), then left idle and its resident set read from <c>/proc</c>.
/// </summary>
internal static class Startup
{
    public const string Name = "startup";

    public static async Task RunAsync(BenchContext bench)
    {
        var runs = bench.Scale(full: 5, quick: 1);
        var idle = TimeSpan.FromSeconds(bench.Scale(full: 30, quick: 3));
        var binary = Path.Combine(AppContext.BaseDirectory, "liaison.dll");
        if (!File.Exists(Path.ChangeExtension(binary, ".runtimeconfig.json")))
        {
            throw new InvalidOperationException($"{binary} is not runnable here (no runtimeconfig beside it)");
        }

        var ready = new List<double>();
        var firstReady = new List<double>();
        var rss = new List<double>();
        var peak = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            await using var node = await BenchNode.CreateAsync(bench, "Pakistan border desk (bench)", "PK");
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { binary, "serve", "--data", node.DataDirectory, "--urls", $"http://127.0.0.1:{port}" })
            {
                start.ArgumentList.Add(arg);
            }

            if (bench.OnPostgres)
            {
                start.ArgumentList.Add("--database");
                start.ArgumentList.Add("postgres");
                start.ArgumentList.Add("--connection");
                start.ArgumentList.Add(node.Settings.Database.ConnectionString);
            }

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await Measure.UntilAsync(async () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"liaison serve exited with {process.ExitCode}");
                    }

                    try
                    {
                        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health/ready"));
                        return response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                    {
                        // Not listening yet, or too busy to answer within the client's timeout: ask again.
                        return false;
                    }
                }, TimeSpan.FromSeconds(60), "the node answers /health/ready", pollMilliseconds: 10);
                ready.Add(clock.Elapsed.TotalMilliseconds);
                clock.Restart();
                using (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/taxii2/"))) { }
                firstReady.Add(clock.Elapsed.TotalMilliseconds);

                await Task.Delay(idle);
                var status = await File.ReadAllLinesAsync($"/proc/{process.Id}/status");
                rss.Add(Kib(status, "VmRSS:") / 1024.0);
                peak.Add(Kib(status, "VmHWM:") / 1024.0);
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        bench.Line($"{runs} start(s) of `liaison serve` on a fresh initialized folder; memory read after {idle.TotalSeconds:0} s idle.");
        bench.Figure("process start to /health/ready, median", Measure.Median(ready), "ms");
        bench.Figure("process start to /health/ready, max", ready.Max(), "ms");
        bench.Figure("first request after ready (/taxii2/), median", Measure.Median(firstReady), "ms");
        bench.Figure("idle resident memory (VmRSS), median", Measure.Median(rss), "MiB");
        bench.Figure("peak resident memory (VmHWM), median", Measure.Median(peak), "MiB");
        bench.Ratio("idle RSS / peak RSS", Measure.Median(rss) / Measure.Median(peak));
    }

    private static double Kib(string[] status, string field) =>
        double.Parse(status.Single(l => l.StartsWith(field, StringComparison.Ordinal))[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
