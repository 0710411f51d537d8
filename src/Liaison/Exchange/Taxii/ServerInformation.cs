using Liaison.Protocol.Taxii;

namespace Liaison.Exchange.Taxii;

/// <summary>Discovery, the API root, and the collection (TAXII 2.1 §4.1, §4.2, §5.1, §5.2): what a client reads first.</summary>
public static class ServerInformation
{
    /// <summary>The largest Add Objects body accepted, advertised as <c>max_content_length</c> (TAXII 2.1 §4.2.1); 10 MiB.</summary>
    public const long MaxContentLength = 10 * 1024 * 1024;

    public static IResult Discovery() => TaxiiResult.Resource(new TaxiiDiscovery
    {
        Title = "Liaison",
        Description = "A Liaison node: one API root holding the collection of STIX 2.1 objects this node shares.",
        Default = ExchangeCollection.ApiRootPath,
        ApiRoots = [ExchangeCollection.ApiRootPath],
    });

    public static IResult ApiRoot() => TaxiiResult.Resource(new TaxiiApiRoot
    {
        Title = "Liaison exchange",
        Description = "Signed STIX 2.1 records exchanged between paired party nodes.",
        Versions = [TaxiiMediaTypes.Taxii21],
        MaxContentLength = MaxContentLength,
    });

    public static IResult Collections(HttpContext http) =>
        TaxiiResult.Resource(new TaxiiCollections { Collections = [Describe(TaxiiRequester.Of(http))] });

    public static IResult Collection(string collection, HttpContext http) =>
        CollectionRoute.NotFound(collection) ?? TaxiiResult.Resource(Describe(TaxiiRequester.Of(http)));

    /// <summary>The collection as this requester sees it: <c>can_write</c> only for a partner node.</summary>
    public static TaxiiCollection Describe(TaxiiRequester requester)
    {
        ArgumentNullException.ThrowIfNull(requester);
        return new TaxiiCollection
        {
            Id = Guid.Parse(ExchangeCollection.Id),
            Title = "Liaison shared records",
            Description = requester.CanWrite
                ? "The records this node releases to your party; add your party's own records here."
                : "Every record version this node holds, its own and its partners', except TLP:RED. Read-only.",
            Alias = ExchangeCollection.Alias,
            CanRead = true,
            CanWrite = requester.CanWrite,
            MediaTypes = [TaxiiMediaTypes.Stix21],
        };
    }
}

/// <summary>The <c>{id}</c> of collection URLs: the fixed id, or the alias that may stand for it (TAXII 2.1 §5.2.1).</summary>
public static class CollectionRoute
{
    public static bool Matches(string collection) =>
        (Guid.TryParse(collection, out var id) && id == Guid.Parse(ExchangeCollection.Id))
        || string.Equals(collection, ExchangeCollection.Alias, StringComparison.Ordinal);

    /// <summary>The 404 answer for any other collection, or null.</summary>
    public static TaxiiResult? NotFound(string collection) => Matches(collection)
        ? null
        : TaxiiResult.Error(StatusCodes.Status404NotFound, "Collection not found", $"This API root has one collection, {ExchangeCollection.Id} ({ExchangeCollection.Alias}).");
}
