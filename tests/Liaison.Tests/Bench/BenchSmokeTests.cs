extern alias bench;

using BenchRunner = bench::Liaison.Bench.BenchRunner;

namespace Liaison.Tests.Bench;

/// <summary>
/// Keeps bench/Liaison.Bench from rotting: the quick scale of one cheap benchmark runs end to end, two real nodes
/// on loopback, and prints its ratio. The figures themselves are not checked here (DESIGN §4.3: no timed unit tests).
/// </summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public async Task AntiEntropy_QuickScale_RunsAndPrintsItsRatio()
    {
        using var output = new StringWriter();

        var code = await BenchRunner.RunAsync(["anti-entropy", "--quick"], output);

        Assert.True(code == 0, output.ToString());
        Assert.Contains("RATIO full pull / no-change poll p50", output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", output.ToString(), StringComparison.Ordinal);
    }
}
