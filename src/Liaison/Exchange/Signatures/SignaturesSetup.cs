using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Polly;

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
        // with a new created and nonce (the answer is checked outside both, by IPartnerClients.For's handler).
        client.AddResilienceHandler("standard", StandardOnTheWallClock);
        client.AddHttpMessageHandler(sp => new SigningHandler(
            sp.GetRequiredService<Protocol.Signing.NodeKey>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    /// <summary>
    /// The standard resilience pipeline (<c>AddStandardResilienceHandler</c>: rate limiter, total timeout, retry,
    /// circuit breaker, attempt timeout, with its default options), except that it waits on the wall clock. The
    /// standard handler takes the container's <see cref="TimeProvider"/>, which a test node fakes: a partner that
    /// is down would then hold a push until someone moved the fake clock. Signatures and records keep the injected
    /// clock; waiting between attempts is about real sockets.
    /// </summary>
    private static void StandardOnTheWallClock(ResiliencePipelineBuilder<HttpResponseMessage> builder)
    {
        var standard = new HttpStandardResilienceOptions();
        builder.TimeProvider = TimeProvider.System;
        builder
            .AddRateLimiter(standard.RateLimiter)
            .AddTimeout(standard.TotalRequestTimeout)
            .AddRetry(standard.Retry)
            .AddCircuitBreaker(standard.CircuitBreaker)
            .AddTimeout(standard.AttemptTimeout);
    }

    /// <summary>
    /// Verifies signed requests and signs answers (<see cref="SignatureMiddleware"/>). Place it right before
    /// <c>UseAuthentication()</c>: after it, nothing sees a signed request whose signature failed.
    /// </summary>
    public static IApplicationBuilder UseLiaisonSignatures(this IApplicationBuilder app) =>
        app.UseMiddleware<SignatureMiddleware>();
}
