using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Protocol.Signing;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange.Partners;

/// <summary>The administrator's partner API on a real node, with outbox rows written the way shares write them.</summary>
public sealed class PartnerApiTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task List_ShowsEachPartnersBacklogAndDeadLetters()
    {
        var (admin, _, _) = await _node.SignInAdministratorAsync();
        var north = await AddPartnerAsync("North", PartnerState.Suspended);
        var south = await AddPartnerAsync("South", PartnerState.Suspended);
        var waiting = await AddPartnerAsync("Waiting", PartnerState.Pending);
        await ShareAsync(5);
        await RefuseAsync(north, 2);
        _node.Time.Advance(TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(1));

        var list = await admin.GetFromJsonAsync<JsonElement>("/api/partners");
        var byName = list.EnumerateArray().ToDictionary(p => p.GetProperty("partyName").GetString()!);
        Assert.Equal(["North", "South", "Waiting"], byName.Keys.Order());

        Assert.Equal(3, byName["North"].GetProperty("backlog").GetInt32());
        Assert.Equal(2, byName["North"].GetProperty("deadLetters").GetInt32());
        Assert.Equal(5, byName["South"].GetProperty("backlog").GetInt32());
        Assert.Equal(0, byName["South"].GetProperty("deadLetters").GetInt32());
        Assert.Equal(180, byName["South"].GetProperty("oldestPendingSeconds").GetInt64());
        Assert.Equal("suspended", byName["South"].GetProperty("state").GetString());

        // A pending partner is owed nothing yet: shares skip it until it is trusted.
        Assert.Equal(0, byName["Waiting"].GetProperty("backlog").GetInt32());
        Assert.Equal(JsonValueKind.Null, byName["Waiting"].GetProperty("oldestPendingSeconds").ValueKind);
        Assert.Equal("pending", byName["Waiting"].GetProperty("state").GetString());
        Assert.Equal("inactive", byName["Waiting"].GetProperty("health").GetString());
        Assert.Equal(waiting, byName["Waiting"].GetProperty("id").GetInt32());
        Assert.StartsWith("SHA256:", byName["North"].GetProperty("keyFingerprint").GetString(), StringComparison.Ordinal);

        var one = await admin.GetFromJsonAsync<JsonElement>($"/api/partners/{south}");
        Assert.Equal(5, one.GetProperty("backlog").GetInt32());
    }

    [Fact]
    public async Task SuspendThenResume_RestoresTrust_AndBackfillsWhatTheOutboxLacked()
    {
        var (admin, _, _) = await _node.SignInAdministratorAsync();
        // Trusted without a backfill, so the partner lacks rows for what was shared before: resuming must write them.
        await ShareAsync(4);
        var partner = await AddPartnerAsync("Late", PartnerState.Trusted);
        Assert.Equal(0, await CountAsync(db => db.Deliveries.CountAsync(d => d.PartnerId == partner)));

        var suspended = await admin.PostAsync($"/api/partners/{partner}/suspend", null);
        await Expect.StatusAsync(HttpStatusCode.OK, suspended);
        Assert.Equal("suspended", (await suspended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        await Expect.StatusAsync(HttpStatusCode.OK, await admin.PostAsync($"/api/partners/{partner}/suspend", null));

        var resumed = await admin.PostAsync($"/api/partners/{partner}/resume", null);
        await Expect.StatusAsync(HttpStatusCode.OK, resumed);
        var view = await resumed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("trusted", view.GetProperty("state").GetString());
        Assert.Equal(4, await CountAsync(db => db.Deliveries.CountAsync(d => d.PartnerId == partner)));

        var audit = await CountAsync(db => db.AuditEntries.CountAsync(e => e.Action == $"POST /api/partners/{partner}/resume"));
        Assert.Equal(1, audit);
    }

    [Fact]
    public async Task Resume_OfAPartnerNeverTrusted_LeavesItPending()
    {
        var (admin, _, _) = await _node.SignInAdministratorAsync();
        var partner = await AddPartnerAsync("Never", PartnerState.Pending);
        await Expect.StatusAsync(HttpStatusCode.OK, await admin.PostAsync($"/api/partners/{partner}/suspend", null));
        var resumed = await admin.PostAsync($"/api/partners/{partner}/resume", null);
        Assert.Equal("pending", (await resumed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task DeadLetters_ArePaged_AndRetryQueuesThemAgain()
    {
        var (admin, _, _) = await _node.SignInAdministratorAsync();
        var partner = await AddPartnerAsync("Refuser", PartnerState.Suspended);
        await ShareAsync(5);
        await RefuseAsync(partner, 5);

        var first = await admin.GetFromJsonAsync<JsonElement>($"/api/partners/{partner}/dead-letters?limit=3");
        Assert.Equal(5, first.GetProperty("total").GetInt32());
        Assert.Equal(3, first.GetProperty("items").GetArrayLength());
        var item = first.GetProperty("items")[0];
        Assert.StartsWith("location--", item.GetProperty("objectId").GetString(), StringComparison.Ordinal);
        Assert.Equal("location", item.GetProperty("objectType").GetString());
        Assert.Equal("refused in a test", item.GetProperty("lastError").GetString());
        Assert.Equal(1, item.GetProperty("attempts").GetInt32());
        var next = first.GetProperty("next").GetInt64();
        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/partners/{partner}/dead-letters?limit=3&after={next}");
        Assert.Equal(2, second.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);

        var seqs = first.GetProperty("items").EnumerateArray().Take(2).Select(i => i.GetProperty("seq").GetInt64()).ToArray();
        var some = await admin.PostAsJsonAsync($"/api/partners/{partner}/dead-letters/retry", new { seqs });
        await Expect.StatusAsync(HttpStatusCode.OK, some);
        Assert.Equal(2, (await some.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retried").GetInt32());

        // A seq that is no longer a dead letter is named, and nothing is retried.
        var again = await admin.PostAsJsonAsync($"/api/partners/{partner}/dead-letters/retry", new { seqs = new[] { seqs[0] } });
        var problem = await Expect.ProblemAsync(again, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("seqs[0]", out _));

        var all = await admin.PostAsJsonAsync($"/api/partners/{partner}/dead-letters/retry", new { });
        Assert.Equal(3, (await all.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("retried").GetInt32());
        Assert.Equal(0, await CountAsync(db => db.Deliveries.CountAsync(d => d.PartnerId == partner && d.State == DeliveryState.DeadLetter)));
        Assert.Equal(5, await CountAsync(db => db.Deliveries.CountAsync(d => d.PartnerId == partner && d.State == DeliveryState.Pending && d.Attempts == 0)));
    }

    [Fact]
    public async Task UnknownPartner_IsA404ProblemNamingTheId()
    {
        var (admin, _, _) = await _node.SignInAdministratorAsync();
        var problem = await Expect.ProblemAsync(await admin.PostAsync("/api/partners/999/suspend", null), HttpStatusCode.NotFound);
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
        await Expect.ProblemAsync(await admin.GetAsync("/api/partners/999/dead-letters"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task NonAdministrators_AreForbidden_AndAnonymousUnauthorized()
    {
        var partner = await AddPartnerAsync("Guarded", PartnerState.Trusted);
        using var analyst = await _node.SignInNewUserAsync("analyst", "Analyst");
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await analyst.GetAsync("/api/partners"));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await analyst.PostAsync($"/api/partners/{partner}/suspend", null));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await analyst.PostAsync($"/api/partners/{partner}/resume", null));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await analyst.GetAsync($"/api/partners/{partner}/dead-letters"));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await analyst.PostAsJsonAsync($"/api/partners/{partner}/dead-letters/retry", new { }));

        using var anonymous = _node.Client();
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, await anonymous.GetAsync("/api/partners"));
        Assert.Equal(PartnerState.Trusted, await CountAsync(db => db.Partners.Where(p => p.Id == partner).Select(p => p.State).SingleAsync()));
    }

    /// <summary>
    /// Adds a partner at an address nothing answers on. Suspended partners still collect outbox rows but the
    /// background relay leaves them alone, so their rows change only when the test changes them.
    /// </summary>
    private async Task<int> AddPartnerAsync(string name, PartnerState state)
    {
        return await CountAsync(async db =>
        {
            var now = _node.Time.GetUtcNow().UtcDateTime;
            var party = new Party(StixId.NewRandom(Identity.TypeName).ToString(), name, "IR", isSelf: false, now);
            using var key = NodeKey.Generate();
            var partner = new Partner(party, new Uri("http://127.0.0.1:9/"), key.PublicKey, key.Fingerprint, null, false, now);
            if (state != PartnerState.Pending)
            {
                partner.Trust(now);
            }

            if (state == PartnerState.Suspended)
            {
                partner.Suspend();
            }

            db.Add(partner);
            await db.SaveChangesAsync();
            return partner.Id;
        });
    }

    /// <summary>Shares locations released to every partner (no TLP, no recipients), as a desk change would.</summary>
    private async Task ShareAsync(int count) => await CountAsync(async db =>
    {
        var self = await db.Parties.SelfAsync();
        var items = Enumerable.Range(0, count).Select(i => new Feed.Item(StoredStix.Of(new Location
        {
            Id = StixId.NewRandom(Location.TypeName),
            Created = _node.Time.GetUtcNow(),
            Modified = _node.Time.GetUtcNow(),
            CreatedByRef = StixId.Parse(self.StixId),
            Latitude = 27 + (i / 100.0),
            Longitude = 62,
        }), self.Id, new ReleaseFacts(self.Id, null, [], []))).ToList();
        await using var transaction = await Feed.BeginAsync(db, default);
        await Feed.AppendAsync(db, _node.Time, items, default);
        await transaction.CommitAsync();
        return 0;
    });

    private async Task RefuseAsync(int partnerId, int count) => await CountAsync(async db =>
    {
        foreach (var row in await db.Deliveries.Where(d => d.PartnerId == partnerId).OrderBy(d => d.Seq).Take(count).ToListAsync())
        {
            row.Refused("refused in a test", null);
        }

        return await db.SaveChangesAsync();
    });

    private async Task<T> CountAsync<T>(Func<LiaisonDbContext, Task<T>> action)
    {
        using var scope = _node.Services.CreateScope();
        return await action(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>());
    }
}
