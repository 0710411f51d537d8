using Liaison.Features.Parties;
using Liaison.Protocol.Signing;
using Liaison.Storage;

namespace Liaison.Components;

public static class NodeIdentity
{
    /// <summary>
    /// Reads the node's party in a scope of its own: in an interactive circuit the layout and the page would
    /// otherwise share one DbContext and query it at the same time, which EF Core refuses.
    /// </summary>
    public static async Task<NodeEndpoints.NodeInfo> LoadAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var key = scope.ServiceProvider.GetRequiredService<NodeKey>();
        return await NodeEndpoints.DescribeAsync(db, key, cancellationToken);
    }
}
