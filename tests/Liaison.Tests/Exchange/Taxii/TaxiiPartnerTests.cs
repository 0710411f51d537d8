using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liaison.Exchange;
using Liaison.Exchange.Signatures;
using Liaison.Exchange.Taxii;
using Liaison.Features.Parties;
using Liaison.Protocol.Signing;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Liaison.Tests.Exchange.Taxii.TaxiiTesting;

namespace Liaison.Tests.Exchange.Taxii;

/// <summary>
/// The partner view, through real signed requests: a second node pins the first and talks to it with its
/// <see cref="IPartnerClients"/> (RFC 9421 signatures on requests and answers).
/// </summary>
public sealed class TaxiiPartnerTests
{
    /// <summary>Two nodes that pinned each other: <see cref="Server"/> is under test, <see cref="Client"/> asks.</summary>
    private sealed class Pair : IAsyncDisposable
    {
        public required TestNode Server { get; init; }

        public required TestNode Client { get; init; }

        /// <summary>The client node as the server knows it.</summary>
        public required Partner ClientOnServer { get; init; }

        public required Party ClientParty { get; init; }

        public required HttpClient Http { get; init; }

        /// <param name="trustedByServer">False leaves the client pending on the server, as before the pairing call.</param>
        public static async Task<Pair> StartAsync(bool trustedByServer = true)
        {
            var server = await TestNode.StartAsync();
            var client = await TestNode.StartAsync();
            var clientOnServer = await PinAsync(server, client, trustedByServer);
            var serverOnClient = await PinAsync(client, server);
            return new Pair
            {
                Server = server,
                Client = client,
                ClientOnServer = clientOnServer,
                ClientParty = await SelfAsync(client),
                Http = client.Services.GetRequiredService<IPartnerClients>().For(serverOnClient),
            };
        }

        public Uri Url(string path) => new(Server.Address, path);

        public async Task<HttpResponseMessage> GetAsync(string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
            request.Headers.Accept.ParseAdd(MediaType);
            return await Http.SendAsync(request);
        }

        public async Task<JsonElement> GetJsonAsync(string path)
        {
            var response = await GetAsync(path);
            await Expect.StatusAsync(HttpStatusCode.OK, response);
            AssertTaxiiMediaType(response);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        public async Task<HttpResponseMessage> PostAsync(string body, string contentType = MediaType, CancellationToken cancellationToken = default)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, Url(Objects)) { Content = new StringContent(body, Encoding.UTF8) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            request.Headers.Accept.ParseAdd(MediaType);
            return await Http.SendAsync(request, cancellationToken);
        }

        public async ValueTask DisposeAsync()
        {
            await Client.DisposeAsync();
            await Server.DisposeAsync();
        }

        /// <summary>Pins <paramref name="other"/>'s key and party on <paramref name="on"/>, trusted, as a finished <c>liaison pair</c> leaves it.</summary>
        private static async Task<Partner> PinAsync(TestNode on, TestNode other, bool trusted = true)
        {
            var self = await SelfAsync(other);
            var key = other.Services.GetRequiredService<NodeKey>();
            using var scope = on.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            var now = on.Time.GetUtcNow().UtcDateTime;
            var partner = new Partner(new Party(self.StixId, self.Name, self.Country, isSelf: false, now), other.Address, key.PublicKey, key.Fingerprint, null, false, now);
            if (trusted)
            {
                partner.Trust(now);
            }

            db.Add(partner);
            await db.SaveChangesAsync();
            return await db.Partners.AsNoTracking().Include(p => p.Party).SingleAsync(p => p.Id == partner.Id);
        }
    }

    [Fact]
    public async Task Partner_SeesExactlyWhatWasReleasedToIt_WithItsOwnDateAdded()
    {
        await using var pair = await Pair.StartAsync();
        var server = pair.Server;
        var self = await SelfAsync(server);
        var third = await AddThirdPartnerAsync(server);
        var released = NewLocation(self, server, TlpLevel.Green);
        var red = NewLocation(self, server, TlpLevel.Red);
        var strictToThird = NewLocation(self, server, TlpLevel.AmberStrict);
        var addressedToThird = NewLocation(self, server, TlpLevel.Amber);
        await AppendAsync(server, [released, red]);
        await AppendWithRecipientsAsync(server, [strictToThird, addressedToThird], [third.StixId]);

        var expected = await DeliveriesAsync(server, pair.ClientOnServer.Id);
        Assert.Contains(released.Id.ToString(), expected.Select(e => e.Id));
        var envelope = await pair.GetJsonAsync($"{Objects}?match[version]=all&limit=1000");
        Assert.Equal(expected.Select(e => e.Id), IdsOf(envelope));
        foreach (var hidden in new[] { red, strictToThird, addressedToThird })
        {
            Assert.DoesNotContain(hidden.Id.ToString(), IdsOf(envelope));
            await ErrorAsync(await pair.GetAsync(Object(hidden.Id.ToString())), HttpStatusCode.NotFound);
        }

        var manifest = await pair.GetJsonAsync($"{Manifest}?match[version]=all&limit=1000");
        Assert.Equal(
            expected.Select(e => (e.Id, TaxiiResult.Format(e.AddedAt))),
            manifest.GetProperty("objects").EnumerateArray().Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("date_added").GetString()!)));

        var collection = await pair.GetJsonAsync(Collection);
        Assert.True(collection.GetProperty("can_write").GetBoolean());
    }

    [Fact]
    public async Task Partner_PagesItsFeed_WithoutSkipsOrRepeats()
    {
        await using var pair = await Pair.StartAsync();
        var self = await SelfAsync(pair.Server);
        var locations = Enumerable.Range(0, 25).Select(_ => NewLocation(self, pair.Server)).ToList();
        await AppendAsync(pair.Server, locations);

        var served = new List<string>();
        string? next = null;
        do
        {
            var page = await pair.GetJsonAsync($"{Objects}?match[type]=location&limit=4" + (next is null ? "" : $"&next={next}"));
            served.AddRange(IdsOf(page));
            next = page.TryGetProperty("next", out var n) ? n.GetString() : null;
        }
        while (next is not null);

        Assert.Equal(locations.Select(l => l.Id.ToString()), served);
    }

    [Fact]
    public async Task Partner_AddsObjects_StatusListsEveryObject_AndOnlyItMayReadTheStatus()
    {
        await using var pair = await Pair.StartAsync();
        var serverSelf = await SelfAsync(pair.Server);
        var own = NewLocation(pair.ClientParty, pair.Client);
        var notOwn = NewLocation(serverSelf, pair.Client);
        var body = $$"""{"objects":[{{StixJson.ToJsonString(own.ToJson())}},{{StixJson.ToJsonString(notOwn.ToJson())}},{"type":"location"}]}""";

        var response = await pair.PostAsync(body);
        await Expect.StatusAsync(HttpStatusCode.Accepted, response);
        AssertTaxiiMediaType(response);
        var status = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("complete", status.GetProperty("status").GetString());
        Assert.Equal(3, status.GetProperty("total_count").GetInt32());
        Assert.Equal(1, status.GetProperty("success_count").GetInt32());
        Assert.Equal(2, status.GetProperty("failure_count").GetInt32());
        Assert.Equal(0, status.GetProperty("pending_count").GetInt32());
        var success = Assert.Single(status.GetProperty("successes").EnumerateArray());
        Assert.Equal(own.Id.ToString(), success.GetProperty("id").GetString());
        Assert.Equal(StixTimestamp.Format(own.Modified), success.GetProperty("version").GetString());
        Assert.Contains(status.GetProperty("failures").EnumerateArray(), f => f.GetProperty("id").GetString() == notOwn.Id.ToString());

        var statusId = status.GetProperty("id").GetString();
        var again = await pair.GetJsonAsync($"{ApiRoot}status/{statusId}/");
        Assert.Equal(status.GetRawText(), again.GetRawText());
        using var analyst = await TokenClientAsync(pair.Server, "analyst", "Analyst");
        await ErrorAsync(await analyst.GetAsync(new Uri($"{ApiRoot}status/{statusId}/", UriKind.Relative)), HttpStatusCode.NotFound);

        // The stored object is served to local readers exactly as the partner wrote it; a second push has one effect.
        var (held, _) = await GetAsync(analyst, Object(own.Id.ToString()));
        Assert.Equal(StixJson.ToJsonString(own.ToJson()), Assert.Single(ObjectsOf(held)).GetRawText());
        var duplicate = await (await pair.PostAsync(body)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, duplicate.GetProperty("success_count").GetInt32());
        var (versions, _) = await GetAsync(analyst, Versions(own.Id.ToString()));
        Assert.Single(versions.GetProperty("versions").EnumerateArray());
    }

    [Fact]
    public async Task Partner_StopsWaitingForTheAnswer_TheEnvelopeIsStillTakenInWhole()
    {
        await using var pair = await Pair.StartAsync();
        var objects = Enumerable.Range(0, 5).Select(_ => NewLocation(pair.ClientParty, pair.Client)).ToList();
        var body = $$"""{"objects":[{{string.Join(",", objects.Select(o => StixJson.ToJsonString(o.ToJson())))}}]}""";

        // A first push, so the link's last contact is fresh and the next one goes straight to the envelope.
        await Expect.StatusAsync(HttpStatusCode.Accepted, await pair.PostAsync("""{"objects":[]}"""));

        // The server is busy: another writer holds its database, so the push waits for the write lock longer than
        // the sender is willing to wait for the answer.
        await using (var busy = new Microsoft.Data.Sqlite.SqliteConnection(pair.Server.Settings.Database.ConnectionString))
        {
            await busy.OpenAsync();
            await using (var hold = busy.CreateCommand())
            {
                hold.CommandText = "BEGIN IMMEDIATE";
                await hold.ExecuteNonQueryAsync();
            }

            using var impatient = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pair.PostAsync(body, cancellationToken: impatient.Token));
            await Task.Delay(500);
            await using var release = busy.CreateCommand();
            release.CommandText = "ROLLBACK";
            await release.ExecuteNonQueryAsync();
        }

        // The sender is gone; the server finishes what it started, and the retry is answered "already held".
        var ids = objects.Select(o => o.Id.ToString()).ToList();
        var held = 0;
        for (var wait = 0; wait < 100 && held < ids.Count; wait++)
        {
            await Task.Delay(100);
            using var scope = pair.Server.Services.CreateScope();
            held = await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().SharedObjects.CountAsync(o => ids.Contains(o.StixId));
        }

        Assert.Equal(ids.Count, held);
        var retry = await (await pair.PostAsync(body)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ids.Count, retry.GetProperty("success_count").GetInt32());
        Assert.All(retry.GetProperty("successes").EnumerateArray(), s => Assert.Equal("already held", s.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Partner_Post_ChecksMediaTypeAndEnvelope()
    {
        await using var pair = await Pair.StartAsync();

        await ErrorAsync(await pair.PostAsync("""{"objects":[]}""", "application/json"), HttpStatusCode.UnsupportedMediaType);
        await ErrorAsync(await pair.PostAsync("""{"objects":[]}""", "application/stix+json;version=2.1"), HttpStatusCode.UnsupportedMediaType);
        await ErrorAsync(await pair.PostAsync("""{"objects":[]}""", "application/taxii+json;version=2.0"), HttpStatusCode.UnsupportedMediaType);
        await ErrorAsync(await pair.PostAsync("""{"objects":{}}"""), HttpStatusCode.BadRequest);
        await ErrorAsync(await pair.PostAsync("not json"), HttpStatusCode.BadRequest);


        using var request = new HttpRequestMessage(HttpMethod.Get, pair.Url(Objects));
        request.Headers.Accept.ParseAdd("application/json");
        await ErrorAsync(await pair.Http.SendAsync(request), HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task Partner_Delete_IsNotSupported()
    {
        await using var pair = await Pair.StartAsync();
        var self = await SelfAsync(pair.Server);
        var location = NewLocation(self, pair.Server);
        await AppendAsync(pair.Server, [location]);

        using var request = new HttpRequestMessage(HttpMethod.Delete, pair.Url(Object(location.Id.ToString())));
        request.Headers.Accept.ParseAdd(MediaType);
        var response = await pair.Http.SendAsync(request);
        await ErrorAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", response.Content.Headers.Allow);
        await pair.GetJsonAsync(Object(location.Id.ToString()));
    }

    [Fact]
    public async Task PendingPartner_IsForbidden_UntilPairingCompletes()
    {
        await using var pair = await Pair.StartAsync(trustedByServer: false);
        var self = await SelfAsync(pair.Server);
        await AppendAsync(pair.Server, [NewLocation(self, pair.Server)]);

        foreach (var path in new[] { Discovery, Collection, Objects })
        {
            await ErrorAsync(await pair.GetAsync(path), HttpStatusCode.Forbidden);
        }

        await ErrorAsync(await pair.PostAsync("""{"objects":[]}"""), HttpStatusCode.Forbidden);
    }

    private static async Task<Party> AddThirdPartnerAsync(TestNode node)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var now = node.Time.GetUtcNow().UtcDateTime;
        var party = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Third Party", "AF", isSelf: false, now);
        using var key = NodeKey.Generate();
        var partner = new Partner(party, new Uri("http://127.0.0.1:9/"), key.PublicKey, key.Fingerprint, null, false, now);
        partner.Trust(now);
        db.Add(partner);
        await db.SaveChangesAsync();
        return party;
    }

    private static async Task AppendWithRecipientsAsync(TestNode node, IEnumerable<IStixObject> objects, IReadOnlyCollection<string> recipients)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var self = await db.Parties.AsNoTracking().SelfAsync();
        await using var transaction = await Feed.BeginAsync(db, default);
        await Feed.AppendAsync(db, node.Time, [.. objects.Select(o => new Feed.Item(StoredStix.Of(o), self.Id, new ReleaseFacts(self.Id, null, recipients, [])))], default);
        await transaction.CommitAsync();
    }

    private static async Task<List<(string Id, DateTime AddedAt)>> DeliveriesAsync(TestNode node, int partnerId)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var rows = await db.Deliveries.AsNoTracking().Where(d => d.PartnerId == partnerId).OrderBy(d => d.AddedAt)
            .Select(d => new { d.Shared.StixId, d.AddedAt }).ToListAsync();
        return [.. rows.Select(r => (r.StixId, r.AddedAt))];
    }
}
