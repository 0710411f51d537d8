using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Liaison.Exchange.Signatures;

public static class SignaturesSetup
{
    /// <summary>
    /// The <see cref="PartnerClaims.Scheme"/> authentication scheme, the replay caches and <see cref="IPartnerClients"/>.
    /// The accounts' policy scheme forwards a request carrying <c>Signature-Input</c> to it.
    /// </summary>
    public static IServiceCollection AddLiaisonSignatures(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, SignatureAuthentication>(PartnerClaims.Scheme, "Partner node (RFC 9421 signature)", null);
        return services.AddPartnerClients();
    }

    /// <summary>Signed, verified HTTP clients for partner nodes (<see cref="PartnerClients"/>).</summary>
    public static IServiceCollection AddPartnerClients(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ReplayCaches>();
        services.TryAddSingleton<PartnerTransports>();
        services.TryAddSingleton<IPartnerClients, PartnerClients>();

        var client = services.AddHttpClient(PartnerClients.ClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new PartnerTransport(sp.GetRequiredService<PartnerTransports>()));
        // Resilience first, so it sits outside the signer: each retry goes through SigningHandler again and leaves
        // with a new created and nonce (the answer is checked outside both, by IPartnerClients.For's handler). (Per-authority pipelines need a redactor registered; the circuit breaker's
        // minimum throughput of 100 requests in 30 s keeps one dead partner from opening it for the others.)
        client.AddStandardResilienceHandler();
        client.AddHttpMessageHandler(sp => new SigningHandler(
            sp.GetRequiredService<Protocol.Signing.NodeKey>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// Verifies signed requests and signs answers (<see cref="SignatureMiddleware"/>). Place it right before
    /// <c>UseAuthentication()</c>: after it, nothing sees a signed request whose signature failed.
    /// </summary>
    public static IApplicationBuilder UseLiaisonSignatures(this IApplicationBuilder app) =>
        app.UseMiddleware<SignatureMiddleware>();
}
