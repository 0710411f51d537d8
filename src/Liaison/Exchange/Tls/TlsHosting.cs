using Liaison.Node;

namespace Liaison.Exchange.Tls;

/// <summary>How a node serves HTTPS: Kestrel's https endpoints use the node's certificate (<see cref="NodeTls"/>).</summary>
public static class TlsHosting
{
    /// <summary>
    /// Registers <see cref="NodeTls"/> and, when the node listens on an https URL, loads it now (so a bad certificate
    /// stops the start with one line) and makes it the default for every https endpoint. http URLs are untouched.
    /// </summary>
    public static WebApplicationBuilder ConfigureLiaisonTls(this WebApplicationBuilder builder, NodeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        if (!ServesHttps(settings.Urls))
        {
            builder.Services.AddSingleton(_ => NodeTls.Load(settings.Folder, NodeConfig.Read(settings.Folder)));
            return builder;
        }

        var tls = NodeTls.Load(settings.Folder, NodeConfig.Read(settings.Folder));
        builder.Services.AddSingleton(tls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https =>
        {
            https.ServerCertificate = tls.Certificate;
            https.ServerCertificateChain = tls.Intermediates;
        }));
        return builder;
    }

    /// <summary>Whether any of the ';'-separated URLs (as <c>UseUrls</c> takes them) is https.</summary>
    public static bool ServesHttps(string? urls) =>
        urls is not null
        && urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase));
}
