namespace Liaison.Live;

/// <summary>Live desk updates: the in-process notice board, its SignalR hub and the forwarder between them.</summary>
public static class LiveSetup
{
    public static IServiceCollection AddLiaisonLive(this IServiceCollection services)
    {
        services.AddSingleton<DeskEvents>();
        services.AddSignalR();
        services.AddHostedService<DeskHubForwarder>();
        return services;
    }

    public static IEndpointRouteBuilder MapLiaisonLive(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<DeskHub>(DeskHub.Path);
        return routes;
    }
}
