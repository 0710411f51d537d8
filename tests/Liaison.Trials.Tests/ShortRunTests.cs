using System.Text;
using Xunit.Abstractions;

namespace Liaison.Trials.Tests;

/// <summary>
/// The short fault-injection run (about a minute): two real node processes behind misbehaving proxies, SIGKILLs,
/// link cuts and a skewed clock, then the checker's counts, which must all be zero but the first; and kill -9
/// durability trials. The long run is in docs/benchmarks.md.
/// </summary>
public sealed class ShortRunTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Nothing_is_lost_duplicated_invented_misfiled_or_leaked_under_faults()
    {
        var log = new StringBuilder();
        using var writer = new StringWriter(log);
        var options = new TrialOptions
        {
            Duration = TimeSpan.FromSeconds(30),
            Converge = TimeSpan.FromSeconds(90),
            DurabilityTrials = 6,
            Clients = 1,
            Seed = Environment.TickCount,
        };

        TrialReport report;
        try
        {
            report = await Trial.RunAsync(options, TextWriter.Synchronized(writer));
        }
        finally
        {
            output.WriteLine(log.ToString());
        }

        var check = report.Check;
        Assert.True(check.Created > 0, $"the workload created nothing to check:\n{log}");
        Assert.True(report.Converged, $"the nodes did not converge within {options.Converge}:\n{log}");
        Assert.Equal(0, check.Lost);
        Assert.Equal(0, check.Unexpected);
        Assert.Equal(0, check.AppliedTwice);
        Assert.Equal(0, check.AcknowledgementsWrong);
        Assert.Equal(0, check.RedOutside);
        Assert.Equal(0, check.ConfirmedMissing);
        Assert.Equal(0, check.Diverged);
        // The run proves something only if every fault happened in it.
        var faults = new[] { report.ToA, report.ToB };
        Assert.True(faults.Sum(f => f.Dropped) > 0, "no request dropped");
        Assert.True(faults.Sum(f => f.ResponsesCut) > 0, "no answer cut");
        Assert.True(faults.Sum(f => f.Delayed) > 0, "no request delayed");
        Assert.True(faults.Sum(f => f.Duplicated) > 0, "no request duplicated");
        Assert.True(faults.Sum(f => f.Reordered) > 0, "no request reordered");
        Assert.True(report.ToA.Cuts > 0 && report.ToB.Cuts > 0, "the link was never cut");
        Assert.True(report.KillsA > 0 && report.KillsB > 0, $"kills: A {report.KillsA}, B {report.KillsB}");
        Assert.Equal(options.DurabilityTrials, report.Durability.Trials);
        Assert.Equal(0, report.Durability.Missing);
    }
}
