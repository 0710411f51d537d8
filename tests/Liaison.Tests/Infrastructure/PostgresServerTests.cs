using System.Net;
using System.Net.Sockets;

namespace Liaison.Tests.Infrastructure;

[Collection(PostgresCollection.Name)]
public sealed class PostgresServerTests(PostgresFixture fixture)
{
    [Fact]
    public async Task StartAsync_ServesFreshDatabases_AndDisposeStopsTheServer()
    {
        var server = await PostgresServer.StartAsync();
        int port;
        await using (server)
        {
            port = server.Port;
            await server.CreateDatabaseAsync("first");
            await server.CreateDatabaseAsync("second");

            Assert.Equal("1", (await server.QueryAsync("first", "select 1")).Trim());
            Assert.Equal("second", (await server.QueryAsync("second", "select current_database()")).Trim());
            Assert.Equal(
                $"Host=127.0.0.1;Port={server.Port};Username=liaison;Database=first",
                server.ConnectionString("first"));
        }

        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task CreateDatabaseAsync_ExistingName_ThrowsWithTheServersMessage()
    {
        var name = "duplicate_" + Guid.NewGuid().ToString("N");
        await fixture.Server.CreateDatabaseAsync(name);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            () => fixture.Server.CreateDatabaseAsync(name));

        Assert.Contains("already exists", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUniqueDatabaseAsync_SharedServer_GivesEachCallItsOwnDatabase()
    {
        var first = await fixture.Server.CreateUniqueDatabaseAsync();
        var second = await fixture.Server.CreateUniqueDatabaseAsync();

        Assert.NotEqual(first, second);
        Assert.StartsWith($"Host=127.0.0.1;Port={fixture.Server.Port};", first, StringComparison.Ordinal);
    }
}
