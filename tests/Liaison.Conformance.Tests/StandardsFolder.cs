namespace Liaison.Conformance.Tests;

/// <summary>
/// Finds the OASIS standards data (schemas, examples) that the conformance tests check against.
/// A missing folder is a failure, never a skip: a green run must mean the checks ran.
/// </summary>
internal static class StandardsFolder
{
    public const string EnvironmentVariable = "LIAISON_STANDARDS";

    private static readonly Lazy<string> Root = new(Locate);

    /// <summary>The standards folder (holding <c>stix2.1/</c>, <c>cap1.2/</c>, …).</summary>
    public static string Path => Root.Value;

    /// <summary>A path inside the standards folder, which must exist.</summary>
    public static string Get(params string[] parts)
    {
        var path = System.IO.Path.Combine([Path, .. parts]);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"The standards data is incomplete: '{path}' does not exist.");
    }

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Directory.Exists(fromEnvironment)
                ? fromEnvironment
                : throw new DirectoryNotFoundException(
                    $"{EnvironmentVariable} is set to '{fromEnvironment}', but that folder does not exist.");
        }

        // The repository sits beside shared/ both on a developer's machine and in CI.
        var repository = FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new DirectoryNotFoundException(
                $"Cannot find the repository root (a folder holding Liaison.slnx) above '{AppContext.BaseDirectory}'; set {EnvironmentVariable} to the standards folder.");
        var expected = System.IO.Path.GetFullPath(System.IO.Path.Combine(repository, "..", "shared", "standards"));
        return Directory.Exists(expected)
            ? expected
            : throw new DirectoryNotFoundException(
                $"The OASIS standards folder was expected at '{expected}' (beside the repository) but does not exist; provide it there or set {EnvironmentVariable}.");
    }

    private static string? FindRepositoryRoot(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Liaison.slnx")))
            {
                return directory.FullName;
            }
        }

        return null;
    }
}
