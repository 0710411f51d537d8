using Liaison.Protocol.Taxii;
using Liaison.Storage;

namespace Liaison.Exchange.Taxii;

/// <summary>
/// The node's TAXII 2.1 server (TAXII 2.1 §4, §5): discovery at <c>/taxii2/</c>, one API root at <c>/taxii2/api/</c>
/// and its one collection (<see cref="ExchangeCollection"/>). Every endpoint first decides who asks
/// (<see cref="TaxiiRequester"/>) and checks <c>Accept</c>; every answer, errors included, is TAXII JSON.
/// </summary>
public static class TaxiiEndpoints
{
    public static IEndpointRouteBuilder MapTaxii(this IEndpointRouteBuilder routes)
    {
        // Anonymous for the authorization middleware: the gate answers 401/403 itself, as TAXII error resources.
        var taxii = routes.MapGroup(ExchangeCollection.DiscoveryPath.TrimEnd('/')).WithTags("TAXII").AllowAnonymous().AddEndpointFilter(GateAsync);
        taxii.MapGet("/", ServerInformation.Discovery).WithName("TaxiiDiscovery").WithSummary("TAXII 2.1 server discovery (§4.1)");
        taxii.MapGet("/{**rest}", NotFound).WithName("TaxiiNotFound").ExcludeFromDescription();

        var root = routes.MapGroup(ExchangeCollection.ApiRootPath.TrimEnd('/')).WithTags("TAXII").AllowAnonymous().AddEndpointFilter(GateAsync);
        root.MapGet("/", ServerInformation.ApiRoot).WithName("TaxiiApiRoot").WithSummary("The API root (TAXII 2.1 §4.2)");
        root.MapGet("/status/{statusId}/", StatusReads.GetAsync).WithName("TaxiiStatus").WithSummary("The status of an add-objects request, for its requester (§4.3)");
        root.MapGet("/collections/", ServerInformation.Collections).WithName("TaxiiCollections").WithSummary("The collections (§5.1)");

        var collection = root.MapGroup("/collections/{collection}");
        collection.MapGet("/", ServerInformation.Collection).WithName("TaxiiCollection").WithSummary("The collection as the requester sees it (§5.2)");
        collection.MapGet("/manifest/", ObjectReads.GetManifestAsync).WithName("TaxiiManifest").WithSummary("Object manifests (§5.3)");
        collection.MapGet("/objects/", ObjectReads.GetObjectsAsync).WithName("TaxiiGetObjects").WithSummary("Objects, paged (§5.4)");
        collection.MapPost("/objects/", AddObjects.AddAsync).WithName("TaxiiAddObjects").WithSummary("Add objects: partner nodes only (§5.5)");
        collection.MapGet("/objects/{objectId}/", ObjectReads.GetObjectAsync).WithName("TaxiiGetObject").WithSummary("One object's versions (§5.6)");
        collection.MapDelete("/objects/{objectId}/", DeleteObject).WithName("TaxiiDeleteObject").WithSummary("Not supported: records are revoked, never deleted (§5.7)");
        collection.MapGet("/objects/{objectId}/versions/", ObjectReads.GetVersionsAsync).WithName("TaxiiObjectVersions").WithSummary("One object's version list (§5.8)");
        return routes;
    }

    /// <summary>Who asks (401/403), then whether they accept TAXII 2.1 (406, TAXII 2.1 §1.6.8).</summary>
    private static async ValueTask<object?> GateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var db = http.RequestServices.GetRequiredService<LiaisonDbContext>();
        var (_, refusal) = await TaxiiRequester.IdentifyAsync(http, db, http.RequestAborted);
        if (refusal is not null)
        {
            return refusal;
        }

        var accept = TaxiiMediaTypes.CheckAccept(http.Request.Headers.Accept.ToString());
        if (!accept.IsAcceptable)
        {
            return TaxiiResult.Error(StatusCodes.Status406NotAcceptable, "Not acceptable", accept.Problem);
        }

        return await next(context);
    }

    /// <summary>
    /// TAXII 2.1 §5.7 lets a server leave Delete an Object out. Liaison does: a party withdraws a record by issuing a
    /// revoking or retracting version (STIX 2.1 §3.6, DESIGN §3: deletions are never silent), and a partner may not
    /// remove what another party issued. Without can_write the answer is 403, as §5.7 requires.
    /// </summary>
    private static TaxiiResult DeleteObject(string collection, string objectId, HttpContext http)
    {
        if (CollectionRoute.NotFound(collection) is { } missing)
        {
            return missing;
        }

        return TaxiiRequester.Of(http).CanWrite
            ? TaxiiResult.Error(StatusCodes.Status405MethodNotAllowed, "Delete not supported",
                    "Objects are never deleted from this collection: the originator revokes or retracts a record by adding a new version.")
                .WithHeader("Allow", "GET")
            : TaxiiResult.Error(StatusCodes.Status403Forbidden, "Read-only collection", "You cannot write to this collection.");
    }

    private static TaxiiResult NotFound() =>
        TaxiiResult.Error(StatusCodes.Status404NotFound, "Not found", $"This server has one API root, {ExchangeCollection.ApiRootPath}.");
}
