namespace Liaison.Http;

/// <summary>Headers every answer carries; the page policy keeps scripts to the node's own origin.</summary>
public static class SecurityHeaders
{
    private const string PagePolicy =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "connect-src 'self' ws: wss:; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    // The API reference page runs its bundled script with inline bootstrapping.
    private const string ReferencePolicy =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; " +
        "connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseLiaisonSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // A configured map tile server (Picture:TileUrl, docs/operations.md) is the one outside origin pages may load images from.
        var tiles = TileSource(app.ApplicationServices.GetService<IConfiguration>()?["Picture:TileUrl"]);
        var pagePolicy = tiles is null ? PagePolicy : PagePolicy.Replace("img-src 'self' data: blob:", $"img-src 'self' data: blob: {tiles}", StringComparison.Ordinal);
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(self), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar") ? ReferencePolicy : pagePolicy;
                return Task.CompletedTask;
            });
            await next();
        });
    }

    /// <summary>
    /// The CSP source (CSP 3 §2.3.1 host-source) for a Leaflet tile URL template such as
    /// <c>https://{s}.tiles.example.org/{z}/{x}/{y}.png</c>: its scheme, host and port, a <c>{s}</c> subdomain becoming
    /// <c>*.</c>. Null when no tile server is configured or the template is not an absolute http(s) URL.
    /// </summary>
    public static string? TileSource(string? template)
    {
        if (string.IsNullOrWhiteSpace(template))
        {
            return null;
        }

        var wildcard = template.Contains("://{s}.", StringComparison.Ordinal);
        var probe = template.Replace("{s}", "a", StringComparison.Ordinal).Replace("{z}", "0", StringComparison.Ordinal)
            .Replace("{x}", "0", StringComparison.Ordinal).Replace("{y}", "0", StringComparison.Ordinal).Replace("{r}", "", StringComparison.Ordinal);
        if (!Uri.TryCreate(probe, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return null;
        }

        var host = wildcard ? "*." + uri.Host[2..] : uri.Host;
        return uri.IsDefaultPort ? $"{uri.Scheme}://{host}" : $"{uri.Scheme}://{host}:{uri.Port}";
    }
}
