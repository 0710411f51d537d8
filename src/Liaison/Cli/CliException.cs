namespace Liaison.Cli;

/// <summary>A problem the user can fix; the CLI prints its message on one line and exits non-zero.</summary>
/// <param name="message">What is wrong and what to do, in one line.</param>
/// <param name="field">The input the problem is about (a form puts the message beside it), or null when it is about none in particular.</param>
public sealed class CliException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}
