using Liaison.Protocol.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Liaison.Exchange.Signatures;

/// <summary>ASP.NET Core requests and responses as RFC 9421 sees them.</summary>
internal static class HttpContextMessages
{
    /// <summary>
    /// The request as its sender signed it. <c>@target-uri</c> (RFC 9421 §2.2.2) is rebuilt from the scheme, the
    /// <c>Host</c> field and the request target exactly as it came on the wire: Kestrel's <c>Path</c> is already
    /// percent-decoded, so re-encoding it could differ from what the sender signed.
    /// </summary>
    /// <returns>Null when the target cannot form an absolute URI.</returns>
    public static SignedMessage? Request(HttpContext context, ReadOnlyMemory<byte>? body)
    {
        var request = context.Request;
        var uri = TargetUri(context);
        if (uri is null)
        {
            return null;
        }

        return SignedMessage.Request(request.Method, uri, Fields(request.Headers), body);
    }

    public static Uri? TargetUri(HttpContext context)
    {
        var request = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        string text;
        if (string.IsNullOrEmpty(rawTarget) || !rawTarget.StartsWith('/'))
        {
            // RFC 9112 §3.2.2: an absolute-form target is the target URI itself.
            text = rawTarget is not null && Uri.TryCreate(rawTarget, UriKind.Absolute, out _)
                ? rawTarget
                : $"{request.Scheme}://{request.Host.Value}{request.PathBase.ToUriComponent()}{request.Path.ToUriComponent()}{request.QueryString.ToUriComponent()}";
        }
        else
        {
            text = $"{request.Scheme}://{request.Host.Value}{rawTarget}";
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
    }

    public static HttpFieldCollection Fields(IHeaderDictionary headers)
    {
        var fields = new HttpFieldCollection();
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                if (value is not null)
                {
                    fields.Add(name, value);
                }
            }
        }

        return fields;
    }
}
