using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Features.Alerts;

/// <summary>An administrator sets a partner link's acknowledgement windows; the partner list shows them.</summary>
public sealed class AckWindowsTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task SetWindows_AcceptsIsoDurationsAndSeconds_AndTheListShowsThem()
    {
        var (admin, _, _) = await _node.SignInAdministratorAsync();
        var (_, link) = await AlertTesting.AddLinkAsync(_node, "North");

        var response = await admin.PutAsJsonAsync($"/api/partners/{link}/ack-windows", new Dictionary<string, object> { ["flash"] = "PT2M", ["immediate"] = 600, ["routine"] = "P1DT12H" });
        await Expect.StatusAsync(HttpStatusCode.OK, response);

        var windows = (await admin.GetFromJsonAsync<JsonElement>("/api/partners"))[0].GetProperty("ackWindows");
        Assert.Equal(120, windows.GetProperty("flash").GetProperty("seconds").GetInt64());
        Assert.Equal("PT10M", windows.GetProperty("immediate").GetProperty("duration").GetString());
        Assert.True(windows.GetProperty("priority").GetProperty("isDefault").GetBoolean());
        Assert.Equal(3600, windows.GetProperty("priority").GetProperty("seconds").GetInt64());
        Assert.Equal("P1DT12H", windows.GetProperty("routine").GetProperty("duration").GetString());
    }

    [Fact]
    public async Task SetWindows_Invalid_NamesEachPrecedence()
    {
        var (admin, _, _) = await _node.SignInAdministratorAsync();
        var (_, link) = await AlertTesting.AddLinkAsync(_node, "North");

        var response = await admin.PutAsJsonAsync($"/api/partners/{link}/ack-windows", new Dictionary<string, object> { ["flash"] = "5 minutes", ["immediate"] = "P1M", ["priority"] = 5, ["urgent"] = 60 });

        var problem = await Expect.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["flash", "immediate", "priority", "urgent"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task SetWindows_AHigherPrecedenceLongerThanALowerOne_IsRefused()
    {
        var (admin, _, _) = await _node.SignInAdministratorAsync();
        var (_, link) = await AlertTesting.AddLinkAsync(_node, "North");

        var problem = await Expect.ProblemAsync(await admin.PutAsJsonAsync($"/api/partners/{link}/ack-windows", new { flash = "PT30M" }), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("flash", out _));
    }

    [Fact]
    public async Task SetWindows_ByAnAnalyst_IsForbidden()
    {
        var analyst = await _node.SignInNewUserAsync("analyst", "Analyst");
        var (_, link) = await AlertTesting.AddLinkAsync(_node, "North");
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await analyst.PutAsJsonAsync($"/api/partners/{link}/ack-windows", new { flash = "PT1M" }));
    }
}
