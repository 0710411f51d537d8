using Liaison.Trials;

// Fault-injection and durability trials for two Liaison nodes; exits 0 only when the checker finds nothing.
//   dotnet run --project tools/Liaison.Trials -- --duration 60s
TrialOptions options;
try
{
    options = TrialOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
{
    await Console.Error.WriteLineAsync(ex.Message);
    await Console.Error.WriteLineAsync(TrialOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var report = await Trial.RunAsync(options, Console.Out, cancel.Token);
return report.Passed ? 0 : 1;
