using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Liaison.Exchange.Tls;

/// <summary>The outcome of <see cref="PartnerUrl.Validate"/>: a normalised address, or why it was refused.</summary>
public readonly record struct PartnerUrlCheck(Uri? Url, string? Error)
{
    [MemberNotNullWhen(true, nameof(Url))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsValid => Url is not null;
}

/// <summary>The base address of a partner node, as an operator types it when pairing.</summary>
public static class PartnerUrl
{
    public const string InsecureHttpOption = "--insecure-http";

    /// <summary>
    /// Accepts absolute http and https URLs without credentials, query or fragment, and returns them with a trailing
    /// slash (so relative TAXII paths resolve under it). Plain http is refused unless the host is loopback
    /// (127.0.0.0/8, ::1, localhost) or <paramref name="allowInsecure"/> is set: records would cross the network unencrypted.
    /// </summary>
    public static PartnerUrlCheck Validate(string? url, bool allowInsecure)
    {
        var text = url?.Trim() ?? "";
        if (text.Length == 0)
        {
            return Refuse("the partner URL is empty; give its base address, e.g. https://liaison.example.org/");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc)
        {
            return Refuse($"'{text}' is not an absolute URL; give the partner's base address, e.g. https://liaison.example.org/");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return Refuse($"'{text}' uses {uri.Scheme}; a partner URL must be https (or http)");
        }

        if (uri.Host.Length == 0)
        {
            return Refuse($"'{text}' has no host");
        }

        // RFC 9110 §4.2.4: user information in an http(s) URI is deprecated, and a secret in it would end up in logs.
        if (uri.UserInfo.Length > 0)
        {
            return Refuse($"'{text}' carries a user name or password; partners authenticate by signature, remove it");
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            return Refuse($"'{text}' has a query or fragment; give the partner's base address only");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !allowInsecure && !IsLoopback(uri))
        {
            return Refuse($"'{text}' is plain http to a host that is not loopback; use https, or pass {InsecureHttpOption} to allow it on a network you trust");
        }

        var normalized = uri.GetLeftPart(UriPartial.Path);
        return new PartnerUrlCheck(new Uri(normalized.EndsWith('/') ? normalized : normalized + "/"), null);
    }

    // RFC 6761 §6.3: "localhost" always names the loopback interface; RFC 1122 §3.2.1.3 and RFC 4291 §2.5.3 give 127/8 and ::1.
    private static bool IsLoopback(Uri uri) =>
        uri.HostNameType == UriHostNameType.Dns
            ? string.Equals(uri.IdnHost.TrimEnd('.'), "localhost", StringComparison.OrdinalIgnoreCase)
            : IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address);

    private static PartnerUrlCheck Refuse(string error) => new(null, error);
}
