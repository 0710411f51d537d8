using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Liaison.Features.Parties;

public static class NodeEndpoints
{
    /// <summary>This node's party and the fingerprint partners pin when pairing.</summary>
    public sealed record NodeInfo(string PartyName, string Country, string PartyIdentity, string KeyFingerprint);

    public static IEndpointRouteBuilder MapNode(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/node", GetAsync).WithTags("Node").RequireAuthorization(Accounts.Policies.Ready)
            .WithName("GetNode").WithSummary("The party this node serves and its key fingerprint");
        return routes;
    }

    public static async Task<NodeInfo> DescribeAsync(LiaisonDbContext db, NodeKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        var self = await db.Parties.SelfAsync(cancellationToken);
        return new NodeInfo(self.Name, self.Country, self.StixId, key.Fingerprint);
    }

    private static async Task<Ok<NodeInfo>> GetAsync(LiaisonDbContext db, NodeKey key, CancellationToken cancellationToken) =>
        TypedResults.Ok(await DescribeAsync(db, key, cancellationToken));
}
