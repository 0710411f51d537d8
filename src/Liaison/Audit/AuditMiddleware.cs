using System.Text.Json.Nodes;
using Liaison.Accounts;

namespace Liaison.Audit;

/// <summary>
/// Records every state-changing HTTP request (anything but GET, HEAD, OPTIONS, TRACE) with who made it,
/// how (session or token) and how it ended. Endpoints that write a richer row themselves (sign-in) set
/// <see cref="AuditedKey"/> so the request is not recorded twice.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next)
{
    public const string AuditedKey = "liaison.audited";

    public async Task InvokeAsync(HttpContext context, AuditLog audit)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
            || HttpMethods.IsOptions(context.Request.Method) || HttpMethods.IsTrace(context.Request.Method)
            || context.Request.Path.StartsWithSegments("/_blazor"))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        finally
        {
            if (!context.Items.ContainsKey(AuditedKey))
            {
                var details = new JsonObject();
                if (context.Request.QueryString.HasValue)
                {
                    details["query"] = context.Request.QueryString.Value;
                }

                await audit.AppendAsync(new AuditRecord(
                    AccountEndpoints.ActorOf(context.User),
                    $"{context.Request.Method} {context.Request.Path}",
                    context.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Details: details,
                    Address: context.Connection.RemoteIpAddress?.ToString()),
                    CancellationToken.None);
            }
        }
    }
}
