using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Incidents;

/// <summary>Incident bodies as the desk sends them, and small helpers around the API.</summary>
internal static class IncidentRequests
{
    public static JsonObject Valid(string title = "Attack on a police station", double lat = 27.2, double lon = 61.9, string start = "2026-11-20T03:00:00Z") => new()
    {
        ["title"] = title,
        ["description"] = "Armed men attacked the station at night.",
        ["occurred"] = new JsonObject { ["start"] = start, ["precision"] = "minute" },
        ["location"] = new JsonObject { ["latitude"] = lat, ["longitude"] = lon, ["placeName"] = "Rask" },
        ["category"] = "attack-on-security-forces",
        ["casualties"] = new JsonObject { ["securityForces"] = new JsonObject { ["killed"] = 11, ["injured"] = 7 } },
        ["perpetrators"] = new JsonObject { ["text"] = "claimed by an armed group" },
        ["sources"] = new JsonArray(new JsonObject { ["name"] = "Provincial police statement", ["url"] = "https://example.org/statement" }),
        ["reliability"] = "B",
        ["credibility"] = 2,
        ["tlp"] = "amber",
    };

    public static async Task<JsonElement> CreateAsync(HttpClient client, JsonObject body)
    {
        var response = await client.PostAsJsonAsync("/api/incidents", body);
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<string> CreatePublishedAsync(HttpClient client, JsonObject body)
    {
        var id = (await CreateAsync(client, body)).GetProperty("id").GetString()!;
        await Expect.StatusAsync(HttpStatusCode.OK, await client.PostAsync($"/api/incidents/{id}/publish", null));
        return id;
    }

    public static async Task<List<string>> TitlesAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/incidents?{query}");
        return [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("content").GetProperty("title").GetString()!)];
    }
}
