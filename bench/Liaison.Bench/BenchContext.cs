using System.Diagnostics;
using System.Globalization;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;

namespace Liaison.Bench;

/// <summary>What one run of the bench measures on: its scale, its database, and where it writes figures.</summary>
internal sealed class BenchContext(bool quick, TextWriter output) : IAsyncDisposable
{
    private PostgresServer? _postgres;

    /// <summary>Smoke scale: every benchmark in seconds, figures only good for "it still runs".</summary>
    public bool Quick { get; } = quick;

    public TextWriter Output { get; } = output;

    public bool OnPostgres => _postgres is not null;

    public string DatabaseName => OnPostgres ? "PostgreSQL (throw-away local server)" : "SQLite (WAL, synchronous=FULL)";

    /// <summary>Picks the full or the quick figure.</summary>
    public int Scale(int full, int quick) => Quick ? quick : full;

    public async Task UsePostgresAsync() => _postgres = await PostgresServer.StartAsync();

    /// <summary>A fresh database for one node, or null for the node's own SQLite file.</summary>
    public async Task<DatabaseSettings?> NewDatabaseAsync()
    {
        if (_postgres is null)
        {
            return null;
        }

        var name = await _postgres.CreateUniqueDatabaseAsync();
        return new DatabaseSettings(DatabaseProvider.Postgres, _postgres.ConnectionString(name));
    }

    public void Line(string text) => Output.WriteLine(text);

    public void Figure(string name, double value, string unit) =>
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-46} {Format(value),12} {unit}"));

    public void Ratio(string name, double value) =>
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  RATIO {name,-40} {value,12:0.###}"));

    public static string Format(double value) =>
        value >= 100 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Logs how long a setup step took, so a slow run shows where its time went.</summary>
    public async Task<T> StepAsync<T>(string what, Func<Task<T>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var clock = Stopwatch.StartNew();
        var result = await step();
        Output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  · {what}: {clock.Elapsed.TotalSeconds:0.0} s"));
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
