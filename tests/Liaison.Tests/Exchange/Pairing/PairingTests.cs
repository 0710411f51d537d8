using System.Net;
using System.Text.Json;
using Liaison.Exchange;
using Liaison.Exchange.Pairing;
using Liaison.Exchange.Signatures;
using Liaison.Features.Parties;
using Liaison.Protocol.Http;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange.Pairing;

/// <summary><c>liaison pair</c> between two real nodes on loopback, each with its own database.</summary>
public sealed class PairingTests : IAsyncLifetime
{
    private TestNode _a = null!;
    private TestNode _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TestNode.StartAsync();
        _b = await TestNode.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task PairingOneSide_LeavesItPending_AndThePartnerUntouched_ThenTheOtherSideMakesBothTrusted()
    {
        await ShareAsync(_a, 3);
        await ShareAsync(_b, 2);
        var first = await PairAsync(_a, _b);
        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.Contains("answer    awaiting-pairing", first.Output, StringComparison.Ordinal);
        Assert.EndsWith("state     pending", first.Output.TrimEnd(), StringComparison.Ordinal);
        var aSeesB = await PartnerOnAsync(_a);
        Assert.Equal(PartnerState.Pending, aSeesB!.State);
        Assert.Equal(Fingerprint(_b), aSeesB.KeyFingerprint);
        Assert.Equal(_b.Address.ToString(), aSeesB.BaseUrl);
        Assert.Null(aSeesB.TlsFingerprint);
        Assert.Null(await PartnerOnAsync(_b));
        Assert.Equal(0, await WithDbAsync(_b, db => db.Parties.CountAsync(p => !p.IsSelf)));

        var second = await PairAsync(_b, _a);
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        Assert.EndsWith("state     trusted", second.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal(PartnerState.Trusted, (await PartnerOnAsync(_a))!.State);
        Assert.Equal(PartnerState.Trusted, (await PartnerOnAsync(_b))!.State);

        // Each side now owes the other what it shared before the pairing: the backfill wrote one delivery per version.
        Assert.Contains("outbox    2 record version(s) queued", second.Output, StringComparison.Ordinal);
        Assert.Equal(3, await WithDbAsync(_a, db => db.Deliveries.CountAsync(d => d.Shared.Type == Liaison.Protocol.Stix.Location.TypeName && d.Shared.OriginParty.IsSelf)));
        Assert.Equal(2, await WithDbAsync(_b, db => db.Deliveries.CountAsync(d => d.Shared.Type == Liaison.Protocol.Stix.Location.TypeName && d.Shared.OriginParty.IsSelf)));

        var aSelf = await WithDbAsync(_a, db => db.Parties.SingleAsync(p => p.IsSelf));
        var bPartyOnA = await WithDbAsync(_a, db => db.Parties.SingleAsync(p => !p.IsSelf));
        var aPartyOnB = await WithDbAsync(_b, db => db.Parties.SingleAsync(p => !p.IsSelf));
        Assert.Equal(aSelf.StixId, aPartyOnB.StixId);
        Assert.NotEqual(aSelf.StixId, bPartyOnA.StixId);

        // Pairing again changes nothing and says so.
        var again = await PairAsync(_a, _b);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.EndsWith("state     trusted", again.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("known     ", again.Output, StringComparison.Ordinal);
        Assert.Equal(1, await WithDbAsync(_a, db => db.Partners.CountAsync()));
    }

    [Fact]
    public async Task WrongFingerprint_FailsOnOneLine_AndWritesNothing()
    {
        using var other = NodeKey.Generate();
        var run = await _a.CliAsync("pair", "--data", _a.DataDirectory, "--partner-url", _b.Address.ToString(), "--partner-fingerprint", other.Fingerprint);
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.Contains(Fingerprint(_b), run.Error, StringComparison.Ordinal);
        Assert.Contains("nothing was pinned", run.Error, StringComparison.OrdinalIgnoreCase);
        await AssertNothingWrittenAsync(_a);
        await AssertNothingWrittenAsync(_b);
    }

    [Fact]
    public async Task FingerprintTypedWithSpacesAndCapitals_IsAccepted()
    {
        var typed = string.Join(' ', Fingerprint(_b)["SHA256:".Length..].ToUpperInvariant().Chunk(4).Select(c => new string(c)));
        var run = await _a.CliAsync("pair", "--data", _a.DataDirectory, "--partner-url", _b.Address.ToString(), "--partner-fingerprint", typed);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(Fingerprint(_b), (await PartnerOnAsync(_a))!.KeyFingerprint);
    }

    [Theory]
    [InlineData("http://192.0.2.10/", "not loopback")]
    [InlineData("ftp://127.0.0.1/", "https")]
    [InlineData("not a url", "absolute")]
    public async Task UnusableUrl_IsRefusedBeforeAnyContact(string url, string reason)
    {
        var run = await _a.CliAsync("pair", "--data", _a.DataDirectory, "--partner-url", url, "--partner-fingerprint", Fingerprint(_b));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains(reason, run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        await AssertNothingWrittenAsync(_a);
    }

    [Fact]
    public async Task UnreachablePartner_FailsOnOneLine_AndWritesNothing()
    {
        var closed = new Uri($"http://127.0.0.1:{FreePort()}/");
        var run = await _a.CliAsync("pair", "--data", _a.DataDirectory, "--partner-url", closed.ToString(), "--partner-fingerprint", Fingerprint(_b));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cannot reach", run.Error, StringComparison.Ordinal);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        await AssertNothingWrittenAsync(_a);
    }

    [Fact]
    public async Task NodeDocument_IsAnonymous_AndSignedByTheNodeKey()
    {
        using var client = _b.Client();
        using var response = await client.GetAsync(NodeDocument.Path);
        await Expect.StatusAsync(HttpStatusCode.OK, response);
        var body = await response.Content.ReadAsByteArrayAsync();
        var document = JsonSerializer.Deserialize<JsonElement>(body);
        Assert.Equal(Fingerprint(_b), document.GetProperty("keyFingerprint").GetString());
        Assert.Equal(JsonValueKind.Null, document.GetProperty("tlsFingerprint").ValueKind);
        Assert.Equal(_b.Address.ToString(), document.GetProperty("baseUrl").GetString());
        Assert.Equal(new Uri(_b.Address, "taxii2/").ToString(), document.GetProperty("taxiiDiscoveryUrl").GetString());
        Assert.StartsWith("identity--", document.GetProperty("partyIdentity").GetString(), StringComparison.Ordinal);

        var fields = new HttpFieldCollection();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            foreach (var value in values)
            {
                fields.Add(name, value);
            }
        }

        var key = Convert.FromBase64String(document.GetProperty("publicKey").GetString()!);
        var asked = SignedMessage.Request("GET", new Uri(_b.Address, "exchange/node"), new HttpFieldCollection());
        var verified = HttpMessageSignatures.Verify(
            SignedMessage.Response(200, fields, body, asked), null, _ => key, _b.Time, SignatureProfile.ForResponse(false), new NonceCache(_b.Time, SignatureProfile.NonceRetention));
        Assert.True(verified.IsValid, verified.Detail);

        // One changed byte and the signature no longer holds.
        body[^2] ^= 1;
        var tampered = HttpMessageSignatures.Verify(
            SignedMessage.Response(200, fields, body, asked), null, _ => key, _b.Time, SignatureProfile.ForResponse(false), new NonceCache(_b.Time, SignatureProfile.NonceRetention));
        Assert.False(tampered.IsValid);
    }

    [Fact]
    public async Task PairCall_FromAnUnsignedCaller_IsRefused_AndWritesNothing()
    {
        using var client = _b.Client();
        using var response = await client.PostAsync(PairingAnswer.Path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertNothingWrittenAsync(_b);
    }

    /// <summary>Shares locations released to every partner, as a desk change would.</summary>
    private static Task<int> ShareAsync(TestNode node, int count) => WithDbAsync(node, async db =>
    {
        var self = await db.Parties.SelfAsync();
        var items = Enumerable.Range(0, count).Select(i => new Feed.Item(StoredStix.Of(new Liaison.Protocol.Stix.Location
        {
            Id = Liaison.Protocol.Stix.StixId.NewRandom(Liaison.Protocol.Stix.Location.TypeName),
            Created = node.Time.GetUtcNow(),
            Modified = node.Time.GetUtcNow(),
            CreatedByRef = Liaison.Protocol.Stix.StixId.Parse(self.StixId),
            Latitude = 27 + (i / 100.0),
            Longitude = 62,
        }), self.Id, new ReleaseFacts(self.Id, null, [], []))).ToList();
        await using var transaction = await Feed.BeginAsync(db, default);
        await Feed.AppendAsync(db, node.Time, items, default);
        await transaction.CommitAsync();
        return items.Count;
    });

    private static Task<CliRun> PairAsync(TestNode from, TestNode to) =>
        from.CliAsync("pair", "--data", from.DataDirectory, "--partner-url", to.Address.ToString(), "--partner-fingerprint", Fingerprint(to));

    private static string Fingerprint(TestNode node) => node.Services.GetRequiredService<NodeKey>().Fingerprint;

    private static Task<Partner?> PartnerOnAsync(TestNode node) =>
        WithDbAsync(node, db => db.Partners.AsNoTracking().SingleOrDefaultAsync());

    private static async Task AssertNothingWrittenAsync(TestNode node)
    {
        Assert.Equal(0, await WithDbAsync(node, db => db.Partners.CountAsync()));
        Assert.Equal(0, await WithDbAsync(node, db => db.Parties.CountAsync(p => !p.IsSelf)));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<T> WithDbAsync<T>(TestNode node, Func<LiaisonDbContext, Task<T>> action)
    {
        using var scope = node.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>());
    }
}
