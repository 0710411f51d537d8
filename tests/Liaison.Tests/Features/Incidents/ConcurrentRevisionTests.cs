using System.Net;
using System.Net.Http.Json;
using Liaison.Features.Incidents;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Features.Incidents;

/// <summary>
/// Two analysts revising the same report at the same moment both take the next version number; the one that commits
/// second must be told so (409) with nothing saved, never answered 500 (found by the fault-injection trials).
/// </summary>
public sealed class ConcurrentRevisionTests
{
    [Fact]
    public async Task RevisionsRacingForOneReport_AreSavedOrRefusedWith409_AndTheVersionsStayContiguous()
    {
        await using var node = await TestNode.StartAsync();
        var clients = new List<HttpClient>();
        for (var i = 0; i < 6; i++)
        {
            clients.Add(await node.SignInNewUserAsync($"analyst{i}", "Analyst"));
        }

        var id = await IncidentRequests.CreatePublishedAsync(clients[0], IncidentRequests.Valid("Raced for"));
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 5; round++)
        {
            var answers = await Task.WhenAll(clients.Select((c, i) => c.PutAsJsonAsync($"/api/incidents/{id}", IncidentRequests.Valid($"Revision {round}.{i}"))));
            foreach (var answer in answers)
            {
                statuses.Add(answer.StatusCode);
                if (answer.StatusCode == HttpStatusCode.Conflict)
                {
                    Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
                    Assert.Contains("saved first", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }
            }
        }

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.Conflict, $"answered {(int)s}"));
        var saved = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.True(saved >= 5, $"only {saved} revisions saved");
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Liaison.Storage.LiaisonDbContext>();
        var numbers = await db.Set<IncidentReport>().Where(r => r.StixId == id).SelectMany(r => r.Versions.Select(v => v.Number)).OrderBy(n => n).ToListAsync();
        Assert.Equal(Enumerable.Range(1, saved + 1), numbers);
    }
}
