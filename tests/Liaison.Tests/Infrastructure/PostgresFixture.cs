namespace Liaison.Tests.Infrastructure;

/// <summary>
/// One <see cref="PostgresServer"/> for a test class (<c>IClassFixture</c>) or, through
/// <see cref="PostgresCollection"/>, for every class in the "postgres" collection.
/// Tests isolate their data with <see cref="PostgresServer.CreateUniqueDatabaseAsync"/>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server =>
        _server ?? throw new InvalidOperationException("The PostgreSQL server has not been started yet.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
