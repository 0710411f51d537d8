using Liaison.Features.Notifications;
using Liaison.Timers;

namespace Liaison.Features.Escalation;

/// <summary>Registers the duty ladder, the notification channels and the due-work timer that fires them.</summary>
public static class EscalationSetup
{
    public static IServiceCollection AddLiaisonEscalation(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<EscalationOptions>(configuration.GetSection(EscalationOptions.Section));
        services.Configure<DueWorkerOptions>(configuration.GetSection(DueWorkerOptions.Section));
        services.AddScoped<IDueWork, FireEscalationSteps>();
        services.AddSingleton<INotificationChannel, InAppChannel>();
        services.AddSingleton<DueWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<DueWorker>());
        return services;
    }
}
