using System.Text.Json;
using System.Text.Json.Serialization;
using Liaison.Cli;
using Liaison.Storage;

namespace Liaison.Node;

/// <summary>
/// The node's data folder: <c>liaison.json</c> (settings), <c>node.key</c> (Ed25519 private key, owner-only),
/// <c>tls.crt</c> and <c>tls.key</c> (self-signed TLS certificate and its owner-only key),
/// <c>liaison.db</c> (SQLite, when used) and <c>keys/</c> (ASP.NET Data Protection keys for cookies).
/// </summary>
public sealed record NodeFolder(string Path)
{
    public const string ConfigFileName = "liaison.json";
    public const string KeyFileName = "node.key";
    public const string TlsCertificateFileName = "tls.crt";
    public const string TlsKeyFileName = "tls.key";

    public string ConfigFile => System.IO.Path.Combine(Path, ConfigFileName);

    public string KeyFile => System.IO.Path.Combine(Path, KeyFileName);

    public string TlsCertificateFile => System.IO.Path.Combine(Path, TlsCertificateFileName);

    public string TlsKeyFile => System.IO.Path.Combine(Path, TlsKeyFileName);

    public string DataProtectionKeys => System.IO.Path.Combine(Path, "keys");

    public static NodeFolder Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(System.IO.Path.Combine(full, ConfigFileName)))
        {
            throw new CliException($"{full} is not a Liaison data folder (no {ConfigFileName}); create one with 'liaison init'");
        }

        return new NodeFolder(full);
    }
}

/// <summary>What <c>liaison.json</c> holds. Secrets other than the key file stay out of it.</summary>
public sealed record NodeConfig
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public DatabaseProvider Database { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>For PostgreSQL the connection string; for SQLite empty (the file in the data folder is used).</summary>
    public string? Connection { get; init; }

    public string? Urls { get; init; }

    /// <summary>PEM certificate (then any intermediates) from the operator's PKI, relative to the data folder or absolute; absent: <c>tls.crt</c>.</summary>
    public string? TlsCertificate { get; init; }

    /// <summary>Its unencrypted PEM private key; set together with <see cref="TlsCertificate"/>.</summary>
    public string? TlsKey { get; init; }

    public static NodeConfig Read(NodeFolder folder)
    {
        try
        {
            return JsonSerializer.Deserialize<NodeConfig>(File.ReadAllText(folder.ConfigFile), Json)
                ?? throw new CliException($"{folder.ConfigFile} is empty");
        }
        catch (JsonException ex)
        {
            throw new CliException($"{folder.ConfigFile} is not valid: {ex.Message}");
        }
    }

    public void Write(string file) => File.WriteAllText(file, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Command line beats environment (LIAISON_DATABASE, LIAISON_CONNECTION) beats the file.</summary>
    public DatabaseSettings ResolveDatabase(NodeFolder folder, string? databaseOption, string? connectionOption)
    {
        var providerText = databaseOption ?? Environment.GetEnvironmentVariable("LIAISON_DATABASE");
        var provider = providerText is null ? Database : ParseProvider(providerText);
        var connection = connectionOption ?? Environment.GetEnvironmentVariable("LIAISON_CONNECTION") ?? Connection;
        return provider switch
        {
            DatabaseProvider.Sqlite => DatabaseSettings.SqliteIn(folder.Path),
            _ when string.IsNullOrWhiteSpace(connection) => throw new CliException("--connection is required with --database postgres"),
            _ => new DatabaseSettings(provider, connection),
        };
    }

    public static DatabaseProvider ParseProvider(string value)
    {
        try
        {
            return DatabaseSettings.ParseProvider(value);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
