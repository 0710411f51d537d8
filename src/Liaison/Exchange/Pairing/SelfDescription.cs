using Liaison.Exchange.Tls;
using Liaison.Node;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Liaison.Exchange.Pairing;

/// <summary>
/// The <see cref="NodeDocument"/> this node sends with <c>POST /exchange/pair</c>, whoever starts the pairing: the
/// CLI reads the address and certificate from the data folder, a running node (the desk) from the addresses it
/// listens on and the certificate it serves. Both end in the same rule for what address and TLS pin to state.
/// </summary>
public static class SelfDescription
{
    /// <summary>For <c>liaison pair</c>: the node is not running, so its configured URLs and certificate files say.</summary>
    public static Task<NodeDocument> FromFolderAsync(LiaisonDbContext db, NodeKey key, NodeFolder folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var config = NodeConfig.Read(folder);
        return DescribeAsync(db, key, config.Urls, () =>
        {
            using var tls = NodeTls.Load(folder, config);
            return tls.Fingerprint;
        }, cancellationToken);
    }

    /// <summary>For the desk: the addresses Kestrel actually bound (a configured port 0 is resolved by then) and the certificate it serves.</summary>
    public static Task<NodeDocument> OfRunningNodeAsync(IServiceProvider services, LiaisonDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var bound = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var urls = bound is { Count: > 0 } ? string.Join(';', bound) : services.GetRequiredService<NodeSettings>().Urls;
        return DescribeAsync(db, services.GetRequiredService<NodeKey>(), urls, () => services.GetRequiredService<NodeTls>().Fingerprint, cancellationToken);
    }

    /// <summary>The first of the ';'-separated URLs a partner could use (not a wildcard host or port 0), as a base address.</summary>
    public static Uri? AdvertisedUrl(string? urls)
    {
        foreach (var text in urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [])
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Port > 0 && uri.Host is not ("0.0.0.0" or "[::]" or "*" or "+"))
            {
                return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
            }
        }

        return null;
    }

    private static Task<NodeDocument> DescribeAsync(LiaisonDbContext db, NodeKey key, string? urls, Func<string> tlsFingerprint, CancellationToken cancellationToken) =>
        NodeDocument.DescribeAsync(db, key, TlsHosting.ServesHttps(urls) ? tlsFingerprint() : null, AdvertisedUrl(urls), cancellationToken);
}
