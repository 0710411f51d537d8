using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liaison.Trials;

/// <summary>An analyst at one node's desk, through the public API with a personal API token.</summary>
public sealed class DeskClient : IDisposable
{
    private readonly HttpClient _http;

    private DeskClient(HttpClient http) => _http = http;

    /// <summary>Signs in with the one-time password, chooses a new one, and takes an API token.</summary>
    public static async Task<DeskClient> SignInAsync(Uri node, string user, string oneTimePassword, CancellationToken cancellationToken)
    {
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using (var session = new HttpClient(handler, disposeHandler: false) { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) })
        {
            await Expect(await session.PostAsJsonAsync("api/account/sign-in", new { userName = user, password = oneTimePassword }, cancellationToken), "sign-in");
            var password = "Trials-" + Guid.NewGuid().ToString("N");
            await Expect(await session.PostAsJsonAsync("api/account/password", new { currentPassword = oneTimePassword, newPassword = password }, cancellationToken), "password change");
            await Expect(await session.PostAsJsonAsync("api/account/sign-in", new { userName = user, password }, cancellationToken), "sign-in with the new password");
            using var created = await session.PostAsJsonAsync("api/account/tokens", new { name = "trials", expiresInDays = 30 }, cancellationToken);
            if (!created.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"token answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(cancellationToken)}");
            }

            var token = (await created.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["token"]!.GetValue<string>();
            var http = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(20) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return new DeskClient(http);
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>A 2xx answer's status, Location and body; throws <see cref="HttpRequestException"/> when the node is unreachable.</summary>
    public async Task<(HttpStatusCode Status, string? Location, JsonNode? Body)> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? json = null;
        if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true)
        {
            try
            {
                json = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
            }
        }

        return (response.StatusCode, response.Headers.Location?.OriginalString, json);
    }

    private static async Task Expect(HttpResponseMessage response, string what)
    {
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
