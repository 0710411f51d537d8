using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Features.Requests;
using Liaison.Tests.Features.Requests;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Tests.Features.Alerts;

/// <summary>
/// Desks changing the same own alert or request at the same moment (an update racing a cancel, two withdrawals): each
/// change must be made on what the one before it saved. Otherwise the version a partner receives and the record on
/// this node part ways — a cancelled alert re-issued as active by an update that read it a moment too early, or a
/// version lacking the change committed just before it.
/// </summary>
public sealed class ConcurrentAlertChangeTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private readonly List<HttpClient> _desks = [];
    private Liaison.Features.Parties.Party _north = null!;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            _desks.Add(await _node.SignInNewUserAsync($"analyst{i}", "Analyst"));
        }

        (_north, _) = await AlertTesting.AddLinkAsync(_node, "North");
    }

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task UpdatesRacingACancel_LeaveTheRecordAndTheLatestSharedVersionAlike()
    {
        var answers = new List<HttpStatusCode>();
        for (var round = 0; round < 6; round++)
        {
            var alert = await AlertTesting.RaiseAsync(_desks[0], AlertTesting.Valid($"Round {round}"));
            var id = alert.GetProperty("id").GetString()!;
            var changes = _desks.Select((desk, i) => i == round % _desks.Count
                ? desk.PostAsJsonAsync($"/api/alerts/{id}/cancel", new { reason = "False report" })
                : desk.PostAsJsonAsync($"/api/alerts/{id}/update", AlertTesting.Valid($"Round {round} update {i}")));
            foreach (var answer in await Task.WhenAll(changes))
            {
                answers.Add(answer.StatusCode);
                Assert.True(answer.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"answered {(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
            }

            var record = await _desks[0].GetFromJsonAsync<JsonElement>($"/api/alerts/{id}");
            Assert.Equal("cancelled", record.GetProperty("status").GetString());
            var versions = await AlertTesting.WithDbAsync(_node, db => db.SharedObjects.Where(o => o.StixId == id)
                .OrderBy(o => o.VersionAt).Select(o => new { o.Json, o.IsLatest }).ToListAsync());
            var shared = versions.Select(v => JsonNode.Parse(v.Json)!).ToList();
            var latest = JsonNode.Parse(versions.Single(v => v.IsLatest).Json)!;
            Assert.Equal(shared[^1].ToJsonString(), latest.ToJsonString());
            // What a partner holds last is what this node shows: cancelled, with the title the record has.
            Assert.Equal("cancelled", (string?)latest["status"]);
            Assert.Equal(record.GetProperty("title").GetString(), (string?)latest["title"]);
            Assert.Equal(record.GetProperty("revision").GetInt32(), (int)latest["revision"]!);
            // The revisions go up one by one, and nothing follows the cancellation.
            Assert.Equal(Enumerable.Range(1, shared.Count), shared.Select(s => (int)s["revision"]!));
            Assert.All(shared.SkipLast(1), s => Assert.Equal("active", (string?)s["status"]));
        }

        Assert.Contains(HttpStatusCode.Conflict, answers);
    }

    [Fact]
    public async Task WithdrawalsRacingEachOther_ShareOneWithdrawnVersion()
    {
        for (var round = 0; round < 4; round++)
        {
            var created = await RequestTesting.CreateAsync(_desks[0], RequestTesting.Valid(_north.StixId, subject: $"Round {round}"));
            var id = created.GetProperty("id").GetString()!;
            var answers = await Task.WhenAll(_desks.Select(desk => desk.PostAsync($"/api/requests/{id}/withdraw", null)));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            var versions = await AlertTesting.WithDbAsync(_node, db => db.SharedObjects.Where(o => o.StixId == id).CountAsync());
            Assert.Equal(2, versions);
            var record = await AlertTesting.WithDbAsync(_node, db => db.Set<PartyRequest>().SingleAsync(r => r.StixId == id));
            Assert.NotNull(record.WithdrawnAt);
        }
    }
}
