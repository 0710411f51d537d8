namespace Liaison.Cli;

/// <summary>A problem the user can fix; the CLI prints its message on one line and exits non-zero.</summary>
public sealed class CliException(string message) : Exception(message);
