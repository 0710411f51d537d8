using System.Globalization;

namespace Liaison.Trials;

/// <summary>What one run of the trials does; every phase has a bound, so a run always stops by itself.</summary>
public sealed record TrialOptions
{
    /// <summary>How long the workload runs under faults.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Stop the workload early once the two nodes hold this many own object versions together (0: no target).</summary>
    public int Objects { get; init; }

    /// <summary>Longest wait, after healing, for the two nodes to converge.</summary>
    public TimeSpan Converge { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>Durability trials: kill -9 right after a 2xx, restart, look for the record.</summary>
    public int DurabilityTrials { get; init; } = 10;

    /// <summary>Largest clock skew given to node B (it changes at each restart, within ±this).</summary>
    public TimeSpan MaxSkew { get; init; } = TimeSpan.FromMinutes(4);

    /// <summary>Concurrent workload clients per node.</summary>
    public int Clients { get; init; } = 2;

    public int Seed { get; init; } = Environment.TickCount;

    /// <summary>Where the two nodes live; a fresh temporary folder when null.</summary>
    public string? Work { get; init; }

    /// <summary>
    /// The node to run (liaison.dll): by default the one <c>./trials</c> publishes to node/ beside this program, else
    /// the build output beside it. A node needs its own deps.json to find the native SQLite library.
    /// </summary>
    public string Liaison { get; init; } = DefaultLiaison();

    /// <summary>Keep the nodes' folders after the run.</summary>
    public bool Keep { get; init; }

    public const string Usage = """
        usage: Liaison.Trials [--duration 60s] [--objects N] [--converge 90s] [--durability N] [--skew 4m]
                              [--clients N] [--seed N] [--work DIR] [--liaison PATH/liaison.dll] [--keep]
          durations: 500ms, 45s, 10m, 2h, or hh:mm:ss
        """;

    private static string DefaultLiaison()
    {
        var published = Path.Combine(AppContext.BaseDirectory, "node", "liaison.dll");
        return File.Exists(published) ? published : Path.Combine(AppContext.BaseDirectory, "liaison.dll");
    }

    public static TrialOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new TrialOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--duration" => options with { Duration = ParseDuration(Value()) },
                "--objects" => options with { Objects = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--converge" => options with { Converge = ParseDuration(Value()) },
                "--durability" => options with { DurabilityTrials = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--skew" => options with { MaxSkew = ParseDuration(Value()) },
                "--clients" => options with { Clients = Math.Max(1, int.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--seed" => options with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--work" => options with { Work = Value() },
                "--liaison" => options with { Liaison = Path.GetFullPath(Value()) },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        if (options.MaxSkew > TimeSpan.FromMinutes(4))
        {
            throw new ArgumentException("--skew is at most 4m: signatures between nodes allow ±300 s");
        }

        return options;
    }

    public static TimeSpan ParseDuration(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        (string Suffix, double Scale)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
            {
                return TimeSpan.FromSeconds(n * scale);
            }
        }

        return TimeSpan.Parse(text, CultureInfo.InvariantCulture);
    }
}
