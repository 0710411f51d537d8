using Liaison.Cli;

return await LiaisonCli.RunAsync(args, Console.Out, Console.Error, Liaison.Node.OffsetClock.Microseconds);

/// <summary>Entry point; public so tests can reference the assembly.</summary>
public partial class Program;
