namespace Liaison.Exchange;

/// <summary>
/// Where a node's TAXII 2.1 server lives. Every Liaison node serves one API root with one collection, the same id
/// everywhere: what a requester sees in it depends on who asks (a partner sees what is released to it).
/// </summary>
public static class ExchangeCollection
{
    public const string DiscoveryPath = "/taxii2/";

    public const string ApiRootPath = "/taxii2/api/";

    public const string Id = "0e090906-5267-468a-ada5-5baaf0ea632e";

    public const string Alias = "liaison-shared";

    public static string ObjectsPath => $"{ApiRootPath}collections/{Id}/objects/";
}
