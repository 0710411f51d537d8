namespace Liaison.Exchange;

public static class ExchangeSetup
{
    public static IServiceCollection AddLiaisonExchange(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ExchangeOptions>(configuration.GetSection(ExchangeOptions.Section));
        services.AddSingleton<Puller>();
        services.AddSingleton<Relay>();
        services.AddHostedService<ExchangeWorker>();
        return services;
    }
}
