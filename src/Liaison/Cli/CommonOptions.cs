using System.CommandLine;
using Liaison.Node;
using Liaison.Storage;

namespace Liaison.Cli;

/// <summary>Options every verb that works on a node shares.</summary>
public sealed class CommonOptions
{
    public Option<string> Data { get; } = new("--data") { Description = "The node's data folder", Required = true };

    public Option<string?> Database { get; } = new("--database") { Description = "sqlite (default) or postgres; overrides the config file and LIAISON_DATABASE" };

    public Option<string?> Connection { get; } = new("--connection") { Description = "PostgreSQL connection string; overrides the config file and LIAISON_CONNECTION" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Data);
        command.Options.Add(Database);
        command.Options.Add(Connection);
    }

    public (NodeFolder Folder, DatabaseSettings Database) Resolve(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var folder = NodeFolder.Open(parsed.GetRequiredValue(Data));
        var config = NodeConfig.Read(folder);
        return (folder, config.ResolveDatabase(folder, parsed.GetValue(Database), parsed.GetValue(Connection)));
    }
}
