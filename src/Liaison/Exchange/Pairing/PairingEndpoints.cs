using Liaison.Exchange.Signatures;
using Liaison.Exchange.Tls;
using Liaison.Http;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Exchange.Pairing;

public static class PairingEndpoints
{
    /// <summary>
    /// Only a request the signature layer verified against a pinned key (pending or trusted) runs as a partner.
    /// Unknown keys never get here: <see cref="SignatureMiddleware"/> answers them 401 with reason
    /// <see cref="PairingProblems.UnknownKey"/> and stores nothing, which the pairing caller reads as "awaiting pairing";
    /// a suspended partner gets 403 with reason <see cref="PairingProblems.Suspended"/>.
    /// </summary>
    private static readonly AuthorizationPolicy SignedByPartner =
        new AuthorizationPolicyBuilder(PartnerClaims.Scheme).RequireAuthenticatedUser().RequireClaim(PartnerClaims.PartnerId).Build();

    /// <summary>The node's signed self-description, and the call a partner makes once it has pinned this node.</summary>
    public static IEndpointRouteBuilder MapPairing(this IEndpointRouteBuilder routes)
    {
        var exchange = routes.MapGroup("/exchange").WithTags("Exchange");
        exchange.MapGet("/node", GetNodeAsync).AllowAnonymous().WithSignedResponse()
            .WithName("GetNodeDocument").WithSummary("This node's party, key and TLS fingerprints; the answer is signed with its key (RFC 9421)");
        exchange.MapPost("/pair", PairAsync).RequireAuthorization(SignedByPartner)
            .Accepts<NodeDocument>("application/json")
            .WithName("Pair").WithSummary("A partner that pinned this node says so; the answer is trusted once this node has pinned it too");
        return routes;
    }

    private static async Task<Ok<NodeDocument>> GetNodeAsync(HttpContext context, LiaisonDbContext db, NodeKey key, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var tls = request.IsHttps ? context.RequestServices.GetRequiredService<NodeTls>().Fingerprint : null;
        var baseUrl = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await NodeDocument.DescribeAsync(db, key, tls, baseUrl, cancellationToken));
    }

    private static async Task<Results<Ok<PairingAnswer>, ValidationProblem>> PairAsync(
        HttpContext context, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var partnerId = PartnerClaims.PartnerOf(context.User)!.Value;
        var partner = await db.Partners.Include(p => p.Party).SingleAsync(p => p.Id == partnerId, cancellationToken);
        var (present, sent) = await ReadDocumentAsync(context.Request, cancellationToken);
        var validation = new Validation().When(present && sent is null, "body", "is not a node description (GET /exchange/node)");
        if (sent is not null)
        {
            validation
                .When(!string.Equals(sent.KeyFingerprint, partner.KeyFingerprint, StringComparison.OrdinalIgnoreCase), "keyFingerprint", "is not the key this request is signed with")
                .When(sent.PartyIdentity != partner.Party.StixId, "partyIdentity", "is not the party this node pinned for that key");
        }

        if (!validation.IsValid)
        {
            return validation.Problem("The node description does not match the pinned partner");
        }

        // The signature proves the caller holds the key pinned here, and it pinned ours to sign for us: both sides paired.
        var trustedNow = partner.Trust(time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        if (trustedNow)
        {
            // Committed first, so shares from now on include the partner; the backfill writes what came before.
            await Feed.BackfillAsync(db, time, partner.Id, cancellationToken);
        }

        return TypedResults.Ok(new PairingAnswer(PairingAnswer.Trusted));
    }

    /// <summary>The caller's own description, if it sent one; an empty body is allowed (the signature already names the key).</summary>
    private static async Task<(bool Present, NodeDocument? Document)> ReadDocumentAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return buffer.Length == 0 ? (false, null) : (true, NodeDocument.Read(buffer.ToArray()));
    }
}
