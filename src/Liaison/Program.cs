using Liaison.Cli;

return await LiaisonCli.RunAsync(args, Console.Out, Console.Error, TimeProvider.System);

/// <summary>Entry point; public so tests can reference the assembly.</summary>
public partial class Program;
