using Liaison.Exchange.Signatures;
using Liaison.Exchange.Tls;
using Liaison.Http;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Exchange.Pairing;

public static class PairingEndpoints
{
    /// <summary>The node's signed self-description, and the call a partner makes once it has pinned this node.</summary>
    public static IEndpointRouteBuilder MapPairing(this IEndpointRouteBuilder routes)
    {
        var exchange = routes.MapGroup("/exchange").WithTags("Exchange");
        exchange.MapGet("/node", GetNodeAsync).AllowAnonymous()
            .Produces<NodeDocument>(StatusCodes.Status200OK, "application/json")
            .WithName("GetNodeDocument").WithSummary("This node's party, key and TLS fingerprints, signed with its key (RFC 9421)");
        exchange.MapPost("/pair", PairAsync)
            .Accepts<NodeDocument>("application/json")
            .Produces<PairingAnswer>(StatusCodes.Status200OK).Produces<PairingAnswer>(StatusCodes.Status202Accepted)
            .WithName("Pair").WithSummary("A partner that pinned this node says so; answers trusted if this node pinned it too");
        return routes;
    }

    private static async Task<SignedAnswer<NodeDocument>> GetNodeAsync(
        HttpContext context, LiaisonDbContext db, NodeKey key, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var tls = request.IsHttps ? context.RequestServices.GetRequiredService<NodeTls>().Fingerprint : null;
        var baseUrl = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        var document = await NodeDocument.DescribeAsync(db, key, tls, baseUrl, cancellationToken);
        return new SignedAnswer<NodeDocument>(StatusCodes.Status200OK, document, key, time);
    }

    private static async Task<Results<Ok<PairingAnswer>, Accepted<PairingAnswer>, ValidationProblem, ProblemHttpResult>> PairAsync(
        HttpContext context, LiaisonDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (PartnerClaims.PartnerOf(context.User) is not { } partnerId)
        {
            // Unknown keys are stopped by the signature layer; a request that still got here carries no pinned key.
            return TypedResults.Accepted((string?)null, new PairingAnswer(PairingAnswer.AwaitingPairing));
        }

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

        var now = time.GetUtcNow().UtcDateTime;
        if (partner.State == PartnerState.Suspended)
        {
            partner.RecordContact(now);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Problem(
                title: "The link is suspended",
                detail: "This node's administrator suspended the link; pairing again does not lift that.",
                statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["state"] = PairingAnswer.Suspended });
        }

        partner.RecordContact(now);
        var trustedNow = partner.Trust(now);
        await db.SaveChangesAsync(cancellationToken);
        if (trustedNow)
        {
            // DESIGN §3: a newly trusted partner is owed every record already released to it.
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
