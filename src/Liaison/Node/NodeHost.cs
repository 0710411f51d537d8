using Liaison.Accounts;
using Liaison.Audit;
using Liaison.Components;
using Liaison.Exchange;
using Liaison.Exchange.Pairing;
using Liaison.Exchange.Partners;
using Liaison.Exchange.Signatures;
using Liaison.Exchange.Taxii;
using Liaison.Exchange.Tls;
using Liaison.Features.Exports;
using Liaison.Features.Officers;
using Liaison.Features.Incidents;
using Liaison.Features.Parties;
using Liaison.Features.Sectors;
using Liaison.Http;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using System.Text.Json.Serialization;
using Scalar.AspNetCore;

namespace Liaison.Node;

/// <summary>
/// What a running node needs to know; everything else comes from its database. With a <paramref name="LogFile"/> the
/// log goes there as JSON lines and only errors reach the console (<c>liaison demo</c>); without, all to the console.
/// </summary>
public sealed record NodeSettings(NodeFolder Folder, DatabaseSettings Database, string? Urls, string? LogFile = null);

/// <summary>Builds the web application that <c>liaison serve</c> runs (and tests start in-process).</summary>
public static class NodeHost
{
    public static readonly string[] Cultures = ["en", "fa", "ur"];

    public static WebApplication Build(NodeSettings settings, Action<WebApplicationBuilder>? customize = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(NodeHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        if (settings.Urls is not null)
        {
            builder.WebHost.UseUrls(settings.Urls);
        }

        builder.ConfigureLiaisonTls(settings);

        // Serves wwwroot and _framework from the build output (liaison.staticwebassets.runtime.json) in every environment; a no-op when published.
        builder.WebHost.UseStaticWebAssets();

        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        // The data-protection key ring (cookies) lives in keys/ beside node.key, owner-only like it; there is no
        // XML encryptor on Linux, and the warning that says so on every start tells an operator nothing new.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        builder.Logging.AddJsonConsole(o =>
        {
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
        });
        if (settings.LogFile is not null)
        {
            builder.Logging.AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Error);
            builder.Logging.AddProvider(new FileLog(settings.LogFile, TimeProvider.System));
        }

        var services = builder.Services;
        // Node:ClockOffset skews the clock for fault-injection trials (tools/Liaison.Trials); unset, the system clock.
        services.AddSingleton(OffsetClock.From(builder.Configuration));
        services.AddSingleton(settings);
        services.AddSingleton(_ => NodeKey.Load(settings.Folder.KeyFile));
        services.AddLiaisonStorage(settings.Database);
        services.AddSingleton<AuditLog>();
        Liaison.Live.LiveSetup.AddLiaisonLive(services);
        services.AddLiaisonAccounts();
        services.AddLiaisonProblems();
        services.AddLiaisonExchange(builder.Configuration);
        services.AddLiaisonSignatures();
        services.AddScoped<Liaison.Timers.IDueWork, Liaison.Features.Alerts.AlertDeadlines>();
        services.AddScoped<Liaison.Timers.IDueWork, Liaison.Features.Requests.RequestDeadlines>();
        Liaison.Features.Escalation.EscalationSetup.AddLiaisonEscalation(services, builder.Configuration);
        // Enumerations travel as the kebab-case names the API documents (amber-strict, attack-on-civilians), never as numbers.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower)));
        if (!Directory.Exists(settings.Folder.DataProtectionKeys))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(settings.Folder.DataProtectionKeys);
            }
            else
            {
                Directory.CreateDirectory(settings.Folder.DataProtectionKeys, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        services.AddDataProtection()
            .SetApplicationName("liaison")
            .PersistKeysToFileSystem(new DirectoryInfo(settings.Folder.DataProtectionKeys));
        services.AddHealthChecks().AddDbContextCheck<LiaisonDbContext>("database", tags: ["ready"]);
        services.AddOpenApi();
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddHttpContextAccessor();

        customize?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseLiaisonSecurityHeaders();
        app.UseRequestLocalization();
        app.UseLiaisonSignatures();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<Liaison.Accounts.PreferenceMiddleware>();
        app.UseMiddleware<AuditMiddleware>();
        app.UseAntiforgery();

        app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference(o => o.WithTitle("Liaison API")).AllowAnonymous();
        app.MapAccounts();
        app.MapNode();
        app.MapSectors();
        app.MapOfficers();
        app.MapIncidents();
        Liaison.Features.Picture.PictureEndpoints.MapPicture(app);
        Liaison.Features.Alerts.AlertEndpoints.MapAlerts(app);
        Liaison.Features.Requests.RequestEndpoints.MapRequests(app);
        Liaison.Features.Figures.DeskFigures.MapFigures(app);
        Liaison.Features.Channel.ChannelEndpoints.MapChannel(app);
        Liaison.Features.Escalation.EscalationEndpoints.MapEscalation(app);
        Liaison.Features.Notifications.NotificationEndpoints.MapNotifications(app);
        Liaison.Features.Alerts.Cap.AlertCapEndpoints.MapAlertCap(app);
        app.MapNamedGroups();
        app.MapStixExport();
        app.MapTaxii();
        app.MapAudit();
        app.MapPairing(); app.MapPartners();
        app.MapStaticAssets();
        app.MapCultureSwitch();
        Liaison.Live.LiveSetup.MapLiaisonLive(app);
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>Applies pending migrations; a no-op on an up-to-date database.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        using var scope = services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Database.MigrateAsync(cancellationToken);
        await RosterUpgrade.RunAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>(), cancellationToken);
    }
}
