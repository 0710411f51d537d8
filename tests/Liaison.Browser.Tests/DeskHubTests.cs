using System.Net;
using System.Threading.Channels;
using Liaison.Accounts;
using Liaison.Browser.Tests.Infrastructure;
using Liaison.Features.Parties;
using Liaison.Live;
using Liaison.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Browser.Tests;

/// <summary>
/// The desk hub as a client outside the browser sees it: only signed-in desk users connect, and each gets the
/// signals addressed to its party (or to every desk), never another party's. No browser is needed here.
/// </summary>
public sealed class DeskHubTests : IAsyncLifetime
{
    private DeskNode _node = null!;

    public async Task InitializeAsync() => _node = await DeskNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Hub_WithoutSignIn_IsRefused()
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = _node.Address };
        using var response = await http.PostAsync(new Uri(DeskHub.Path.TrimStart('/') + "/negotiate?negotiateVersion=1", UriKind.Relative), null);
        // A browser is sent to the sign-in page; either way no connection id is handed out.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Redirect, HttpStatusCode.Found });
        Assert.DoesNotContain("connectionId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hub_ForwardsSignalsForThisPartyAndEveryDesk_NotForAnotherParty()
    {
        var token = await TokenAsync("LiaisonOfficer");
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(_node.Address, DeskHub.Path.TrimStart('/')), o => o.AccessTokenProvider = () => Task.FromResult<string?>(token))
            .Build();
        var received = Channel.CreateUnbounded<DeskSignal>();
        connection.On<DeskSignal>(DeskHub.SignalMethod, s => received.Writer.TryWrite(s));
        await connection.StartAsync();

        string self;
        using (var scope = _node.Services.CreateScope())
        {
            self = (await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Parties.AsNoTracking().SelfAsync()).StixId;
        }

        // Hub calls run after OnConnectedAsync, so once this returns the party and role groups are set as well.
        await connection.InvokeAsync(nameof(DeskHub.FollowSector), "KHI-01");
        var events = _node.Services.GetRequiredService<DeskEvents>();
        const string otherParty = "identity--00000000-0000-4000-8000-000000000000";
        events.Publish(new DeskSignal("alert", "liaison-alert--other", otherParty, "flash"));
        events.Publish(new DeskSignal("alert", "liaison-alert--ours", self, "flash"));
        events.Publish(new DeskSignal("partner", "1"));
        events.Publish(new DeskSignal("alert", "liaison-alert--followed-sector", otherParty, "routine", "KHI-01"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var ids = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await received.Reader.ReadAsync(timeout.Token)).Id);
        }

        Assert.Equal(["1", "liaison-alert--followed-sector", "liaison-alert--ours"], ids.Order());
        await Task.Delay(200);
        Assert.False(received.Reader.TryRead(out _));
    }

    private async Task<string> TokenAsync(string role)
    {
        var userName = $"hub-{role.ToLowerInvariant()}";
        await _node.AddUserAsync(userName, role);
        await _node.SetOwnPasswordAsync(userName, "a passphrase for the test desk");
        using var scope = _node.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LiaisonUser>>();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException(userName);
        var now = _node.Time.GetUtcNow().UtcDateTime;
        var (token, plaintext) = ApiToken.Issue(user.Id, "hub test", now, now.AddDays(1));
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return plaintext;
    }
}
