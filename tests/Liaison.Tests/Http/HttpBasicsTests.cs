using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Http;

public sealed class HttpBasicsTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task HealthEndpoints_AnswerWithoutSigningIn()
    {
        using var client = _node.Client();
        await Expect.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/health/live"));
        await Expect.StatusAsync(HttpStatusCode.OK, await client.GetAsync("/health/ready"));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheApi_AndTheReferencePageIsServed()
    {
        using var client = _node.Client();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/account/tokens", paths);
        Assert.Contains("/api/account/sign-in", paths);
        var reference = await client.GetAsync("/scalar/v1");
        await Expect.StatusAsync(HttpStatusCode.OK, reference);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task EveryAnswer_CarriesSecurityHeaders()
    {
        using var client = _node.Client();
        var response = await client.GetAsync("/health/live");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownApiRoute_IsAProblem()
    {
        using var client = _node.Client();
        var problem = await Expect.ProblemAsync(await client.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task InvalidFields_AreEachNamed_AndNothingIsWritten()
    {
        var (client, _, _) = await _node.SignInAdministratorAsync();
        var problem = await Expect.ProblemAsync(await client.PostAsJsonAsync("/api/account/tokens", new { name = "", expiresInDays = 999 }), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order().ToList();
        Assert.Equal(["expiresInDays", "name"], errors);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/account/tokens")).EnumerateArray());
    }

    [Fact]
    public async Task WrongTypeInTheBody_NamesTheField()
    {
        var (client, _, _) = await _node.SignInAdministratorAsync();
        using var body = new StringContent("""{"name":"x","expiresInDays":"soon"}""", Encoding.UTF8, "application/json");
        var problem = await Expect.ProblemAsync(await client.PostAsync("/api/account/tokens", body), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("expiresInDays", out _), problem.ToString());

        using var broken = new StringContent("""{"name":""", Encoding.UTF8, "application/json");
        var notJson = await Expect.ProblemAsync(await client.PostAsync("/api/account/tokens", broken), HttpStatusCode.BadRequest);
        Assert.Equal(JsonValueKind.Object, notJson.GetProperty("errors").ValueKind);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/account/tokens")).EnumerateArray());
    }

    [Fact]
    public async Task ApiTokens_StopWorkingWhenRevokedExpiredOrTheOwnerIsDisabled()
    {
        var (client, _, _) = await _node.SignInAdministratorAsync();
        async Task<string> IssueAsync(int days)
        {
            var created = await client.PostAsJsonAsync("/api/account/tokens", new { name = $"t{days}", expiresInDays = days });
            return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        }

        var shortLived = await IssueAsync(1);
        var longLived = await IssueAsync(30);
        await Expect.StatusAsync(HttpStatusCode.OK, await CallAsync(shortLived));

        _node.Time.Advance(TimeSpan.FromDays(1));
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, await CallAsync(shortLived));
        await Expect.StatusAsync(HttpStatusCode.OK, await CallAsync(longLived));

        var tampered = longLived[..^2] + (longLived[^2] == 'A' ? "BB" : "AA");
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, await CallAsync(tampered));

        await _node.CliAsync("users", "disable", "--data", _node.DataDirectory, "--user", "admin");
        await Expect.StatusAsync(HttpStatusCode.Unauthorized, await CallAsync(longLived));
    }

    private async Task<HttpResponseMessage> CallAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_node.Address, "/api/node"));
        request.Headers.Authorization = new("Bearer", token);
        using var client = new HttpClient();
        return await client.SendAsync(request);
    }
}
