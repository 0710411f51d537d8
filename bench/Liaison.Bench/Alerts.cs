using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Bench;

/// <summary>Alert bodies as the desk sends them.</summary>
internal static class Alerts
{
    public static JsonObject Body(int index, string precedence = "immediate") => new()
    {
        ["precedence"] = precedence,
        ["title"] = $"Armed group moving towards crossing {index}",
        ["description"] = "Twelve armed men in two pickups, seen 20 km north of the post.",
        ["area"] = new JsonObject { ["type"] = "Circle", ["latitude"] = 28.97, ["longitude"] = 61.59, ["radius"] = 5000 },
        ["validUntil"] = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(6).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        ["tlp"] = "amber",
    };

    /// <summary>Raises an alert and answers its STIX id.</summary>
    public static async Task<string> RaiseAsync(HttpClient client, int index)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.PostAsJsonAsync("/api/alerts", Body(index));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"raising an alert answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
