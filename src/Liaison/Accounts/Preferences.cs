using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using Liaison.Components.Desk;
using Liaison.Http;
using Liaison.Node;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Accounts;

/// <summary>One person's desk preferences: language, time zone (IANA id) and calendar.</summary>
public sealed record Preferences(string? Language, string? TimeZone, DeskCalendar Calendar);

/// <summary>Reads and saves a person's preferences, and keeps the ones in use in memory so each request need not ask the database.</summary>
public sealed class PreferenceStore(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, Preferences> _known = new(StringComparer.Ordinal);

    public async Task<Preferences> GetAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (_known.TryGetValue(userId, out var known))
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Language, u.TimeZone, u.Calendar }).SingleOrDefaultAsync(cancellationToken);
        var preferences = new Preferences(row?.Language, row?.TimeZone, Reader.ParseCalendar(row?.Calendar));
        _known[userId] = preferences;
        return preferences;
    }

    /// <summary>Checks and saves; the problems name the bad field as the API does (RFC 9457).</summary>
    public async Task<Validation> SaveAsync(string userId, string? language, string? timeZone, string? calendar, CancellationToken cancellationToken = default)
    {
        var validation = Check(language, timeZone, calendar);
        if (!validation.IsValid)
        {
            return validation;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return validation.Add("user", "does not exist");
        }

        user.Language = Blank(language)?.ToLowerInvariant();
        user.TimeZone = Blank(timeZone);
        var parsed = Reader.ParseCalendar(calendar);
        user.Calendar = parsed == DeskCalendar.Default ? null : parsed.ToString();
        await db.SaveChangesAsync(cancellationToken);
        _known.TryRemove(userId, out _);
        return validation;
    }

    public static Validation Check(string? language, string? timeZone, string? calendar)
    {
        var validation = new Validation();
        if (Blank(language) is { } code && !NodeHost.Cultures.Contains(code, StringComparer.OrdinalIgnoreCase))
        {
            validation.Add("language", "must be one of " + string.Join(", ", NodeHost.Cultures));
        }

        if (Blank(timeZone) is { } zone && (zone.Length > 64 || Reader.FindZone(zone) is null))
        {
            validation.Add("timeZone", "must be a time zone id known to this node, e.g. Asia/Tehran");
        }

        if (Blank(calendar) is { } name && !Enum.TryParse<DeskCalendar>(name, ignoreCase: true, out _))
        {
            validation.Add("calendar", "must be Default, Gregorian or SolarHijri");
        }

        return validation;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary><c>GET</c> and <c>PUT /api/account/preferences</c>: the same choices as the desk's preferences page.</summary>
public static class PreferenceEndpoints
{
    public sealed record Body(string? Language, string? TimeZone, string? Calendar);

    public static RouteGroupBuilder MapPreferences(this RouteGroupBuilder account)
    {
        account.MapGet("/preferences", GetAsync).RequireAuthorization(Policies.Setup)
            .WithName("GetPreferences").WithSummary("The caller's language, time zone (IANA id) and calendar");
        account.MapPut("/preferences", PutAsync).RequireAuthorization(Policies.Setup)
            .WithName("SetPreferences").WithSummary("Sets the caller's language, time zone (IANA id) and calendar (Default, Gregorian, SolarHijri)");
        return account;
    }

    private static async Task<Results<Ok<Body>, UnauthorizedHttpResult>> GetAsync(ClaimsPrincipal user, PreferenceStore store, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return TypedResults.Unauthorized();
        }

        var saved = await store.GetAsync(id, cancellationToken);
        return TypedResults.Ok(new Body(saved.Language, saved.TimeZone, saved.Calendar.ToString()));
    }

    private static async Task<Results<NoContent, ValidationProblem, UnauthorizedHttpResult>> PutAsync(Body body, ClaimsPrincipal user, PreferenceStore store, CancellationToken cancellationToken)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id)
        {
            return TypedResults.Unauthorized();
        }

        var validation = await store.SaveAsync(id, body.Language, body.TimeZone, body.Calendar, cancellationToken);
        return validation.IsValid ? TypedResults.NoContent() : validation.Problem();
    }
}

/// <summary>
/// Puts the signed-in person's zone and calendar into the request's formatting culture (after request localization
/// and authentication), so pages and the live circuit started from this request write times their way. Someone who
/// has not chosen a zone, or is not signed in, reads the node's own zone.
/// </summary>
public sealed class PreferenceMiddleware(RequestDelegate next, PreferenceStore store, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext http)
    {
        var language = CultureInfo.CurrentCulture.Name;
        Preferences? preferences = null;
        if (http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            preferences = await store.GetAsync(userId, http.RequestAborted);
            // The language links set a cookie; a saved language only speaks for a browser that has not chosen one.
            if (preferences.Language is { } saved && !http.Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName))
            {
                language = saved;
                CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(saved);
            }
        }

        var zone = Reader.FindZone(preferences?.TimeZone) ?? time.LocalTimeZone;
        CultureInfo.CurrentCulture = new ReaderCulture(language, new Reader(zone, preferences?.Calendar ?? DeskCalendar.Default));
        await next(http);
    }
}
