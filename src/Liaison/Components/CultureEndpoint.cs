using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Liaison.Node;

namespace Liaison.Components;

public static class CultureEndpoint
{
    /// <summary>
    /// <c>GET /culture/set?culture=fa&amp;returnUrl=/</c>: remembers the language in the cookie that request
    /// localization reads first, then goes back. A plain link, so it works on a page without a live connection.
    /// </summary>
    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/culture/set", SetCulture).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }

    private static Results<RedirectHttpResult, BadRequest> SetCulture(string? culture, string? returnUrl, HttpContext http)
    {
        if (culture is null || !NodeHost.Cultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
        {
            return TypedResults.BadRequest();
        }

        http.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture.ToLowerInvariant())),
            new CookieOptions
            {
                Path = "/",
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                IsEssential = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
            });
        return TypedResults.LocalRedirect(LocalUrl.OrHome(returnUrl));
    }
}
