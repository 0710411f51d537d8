using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Liaison.Exchange;
using Liaison.Exchange.Signatures;
using Liaison.Tests.Features.Incidents;
using Liaison.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange;

/// <summary>
/// A partner that refuses a whole envelope because of one object in it must not hold back the others: the relay
/// splits the envelope, the others are delivered, and only the object at fault waits or becomes a dead letter.
/// </summary>
public sealed class RefusedEnvelopeTests
{
    private const string Poison = "POISON-OBJECT";

    [Theory]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, true, DeliveryState.DeadLetter)]
    [InlineData(HttpStatusCode.BadRequest, true, DeliveryState.DeadLetter)]
    [InlineData(HttpStatusCode.InternalServerError, true, DeliveryState.Pending)]
    // Unsigned, as a reverse proxy in front of the partner answers: split, but never a dead letter on its word.
    [InlineData(HttpStatusCode.RequestEntityTooLarge, false, DeliveryState.Pending)]
    public async Task AnEnvelopeRefusedForOneObject_IsSplit_AndTheOthersAreDelivered(HttpStatusCode refusal, bool verified, DeliveryState poisonEnds)
    {
        await using var nodes = await TwoNodes.StartAsync(
            customizeA: b =>
            {
                b.Configuration["Exchange:RunInBackground"] = "false";
                Refuse(b, Poison, refusal, verified);
            },
            customizeB: b => b.Configuration["Exchange:RunInBackground"] = "false");
        var analyst = await nodes.A.SignInNewUserAsync("analyst", "Analyst");
        var before = await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid("Before the bad one"));
        var poison = await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid($"Carries {Poison}"));
        var after = await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid("After the bad one"));

        var delivered = await nodes.A.Services.GetRequiredService<Relay>().PushOnceAsync();

        var states = await TwoNodes.WithDbAsync(nodes.A, db => db.Deliveries.Select(d => d.State + ": " + d.LastError).ToListAsync());
        Assert.True(delivered >= 2, $"delivered {delivered}; {string.Join("; ", states)}");
        Assert.True(await TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.AnyAsync(i => i.StixId == before)));
        Assert.True(await TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.AnyAsync(i => i.StixId == after)));
        Assert.False(await TwoNodes.WithDbAsync(nodes.B, db => db.Incidents.AnyAsync(i => i.StixId == poison)));

        var rows = await TwoNodes.WithDbAsync(nodes.A, db => db.Deliveries.Select(d => new { d.Shared.StixId, d.State, d.LastError, d.Attempts }).ToListAsync());
        var bad = Assert.Single(rows, r => r.StixId == poison);
        Assert.Equal(poisonEnds, bad.State);
        Assert.Equal(1, bad.Attempts);
        Assert.Contains(((int)refusal).ToString(CultureInfo.InvariantCulture), bad.LastError, StringComparison.Ordinal);
        Assert.All(rows.Where(r => r.StixId != poison), r => Assert.Equal(DeliveryState.Delivered, r.State));
    }

    [Fact]
    public async Task AnEnvelopeRefusedForWhatItIsNot_IsNotSplit()
    {
        // 415 speaks of the request, not of one object in it: splitting would only send the same mistake N times.
        await using var nodes = await TwoNodes.StartAsync(
            customizeA: b =>
            {
                b.Configuration["Exchange:RunInBackground"] = "false";
                Refuse(b, "\"objects\"", HttpStatusCode.UnsupportedMediaType, verified: true);
            },
            customizeB: b => b.Configuration["Exchange:RunInBackground"] = "false");
        var analyst = await nodes.A.SignInNewUserAsync("analyst", "Analyst");
        await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid("One"));
        await IncidentRequests.CreatePublishedAsync(analyst, IncidentRequests.Valid("Two"));

        Assert.Equal(0, await nodes.A.Services.GetRequiredService<Relay>().PushOnceAsync());

        var rows = await TwoNodes.WithDbAsync(nodes.A, db => db.Deliveries.Select(d => new { d.State, d.Attempts }).ToListAsync());
        Assert.True(rows.Count >= 2);
        Assert.All(rows, r => Assert.Equal((DeliveryState.Pending, 1), (r.State, r.Attempts)));
    }

    /// <summary>
    /// A's transport to its partner answers <paramref name="status"/> to any POST whose body contains
    /// <paramref name="marker"/>, as the signed answer of the partner (<paramref name="verified"/>) or as an answer
    /// without a valid signature; everything else goes to B for real.
    /// </summary>
    private static void Refuse(WebApplicationBuilder builder, string marker, HttpStatusCode status, bool verified)
    {
        builder.Services.AddSingleton<PartnerClients>();
        builder.Services.AddSingleton<IPartnerClients>(sp => new RefusingClients(sp.GetRequiredService<PartnerClients>(), marker, status, verified));
    }

    private sealed class RefusingClients(PartnerClients real, string marker, HttpStatusCode status, bool verified) : IPartnerClients
    {
        private readonly ConcurrentDictionary<int, HttpClient> _clients = new();

        public HttpClient For(Partner partner) => _clients.GetOrAdd(partner.Id, _ => new HttpClient(new Refusing(real.For(partner), marker, status, verified)));

        public HttpClient ForPairing(Uri partnerBaseUrl, bool allowInsecureHttp) => real.ForPairing(partnerBaseUrl, allowInsecureHttp);

        public Task VerifyAnswerAsync(HttpResponseMessage response, byte[] partnerPublicKey, CancellationToken cancellationToken = default) =>
            real.VerifyAnswerAsync(response, partnerPublicKey, cancellationToken);
    }

    private sealed class Refusing(HttpClient partner, string marker, HttpStatusCode status, bool verified) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method == HttpMethod.Post && request.Content is { } content
                && (await content.ReadAsStringAsync(cancellationToken)).Contains(marker, StringComparison.Ordinal))
            {
                return verified
                    ? new HttpResponseMessage(status) { Content = new StringContent("refused by the test's partner"), RequestMessage = request }
                    : throw new PartnerSignatureException($"{request.RequestUri} answered with {(int)status} and no valid signature: a proxy in front of the partner", status);
            }

            // A request message is sent once: hand the real client a copy.
            using var copy = new HttpRequestMessage(request.Method, request.RequestUri);
            foreach (var (name, values) in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(name, values);
            }

            if (request.Content is { } body)
            {
                copy.Content = new ByteArrayContent(await body.ReadAsByteArrayAsync(cancellationToken));
                foreach (var (name, values) in body.Headers)
                {
                    copy.Content.Headers.TryAddWithoutValidation(name, values);
                }
            }

            return await partner.SendAsync(copy, cancellationToken);
        }
    }
}
