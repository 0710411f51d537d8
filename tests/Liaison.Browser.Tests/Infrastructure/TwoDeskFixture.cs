using System.Diagnostics;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liaison.Browser.Tests.Infrastructure;

/// <summary>
/// Two real nodes on loopback, paired as <c>liaison pair</c> leaves them — a Pakistani desk (A) and an Iranian desk
/// (B) — each with its own Chromium, since both desks answer on 127.0.0.1 and would otherwise share one cookie jar.
/// </summary>
public sealed class TwoDeskFixture : IAsyncLifetime
{
    private DeskBrowsers? _browsers;
    private int _users;

    public DeskNode A { get; private set; } = null!;

    public DeskNode B { get; private set; } = null!;

    public IBrowserContext BrowserA { get; private set; } = null!;

    public IBrowserContext BrowserB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        A = await DeskNode.StartAsync("Pakistan border desk (browser test)", "PK");
        B = await DeskNode.StartAsync("Iran border desk (browser test)", "IR");
        await PinAsync(A, B);
        await PinAsync(B, A);
        _browsers = await DeskBrowsers.StartAsync();
        BrowserA = await _browsers.LaunchAsync();
        BrowserB = await _browsers.LaunchAsync();
    }

    /// <summary>Moves both clocks together, as real clocks move (signatures allow ±300 s between nodes).</summary>
    public void Advance(TimeSpan by)
    {
        A.Time.Advance(by);
        B.Time.Advance(by);
    }

    /// <summary>A code for the next 30-second step on <paramref name="node"/>; both clocks move, so the link's signatures stay in their window.</summary>
    public string NextCode(DeskNode node, string sharedKey)
    {
        ArgumentNullException.ThrowIfNull(node);
        Advance(TimeSpan.FromSeconds(30));
        return node.Totp(sharedKey);
    }

    public async Task<(string UserName, string Password)> NewUserAsync(DeskNode node, string role)
    {
        ArgumentNullException.ThrowIfNull(node);
        var userName = $"{role.ToLowerInvariant()}-{Interlocked.Increment(ref _users)}";
        await node.AddUserAsync(userName, role, displayName: $"{role} {_users}");
        const string password = "a passphrase for the test desk";
        await node.SetOwnPasswordAsync(userName, password);
        return (userName, password);
    }

    /// <summary>A fresh tab with no session in <paramref name="browser"/>.</summary>
    public static async Task<IPage> NewPageAsync(IBrowserContext browser)
    {
        ArgumentNullException.ThrowIfNull(browser);
        await browser.ClearCookiesAsync();
        foreach (var open in browser.Pages.ToList())
        {
            await open.CloseAsync();
        }

        return await browser.NewPageAsync();
    }

    /// <summary>Waits, in real time, for the relay between the nodes to get somewhere.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"timed out waiting for: {what}");
    }

    /// <summary>Makes <paramref name="other"/> a trusted partner of <paramref name="node"/>, pinned by its key.</summary>
    private static async Task PinAsync(DeskNode node, DeskNode other)
    {
        Party otherSelf;
        using (var scope = other.Services.CreateScope())
        {
            otherSelf = await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Parties.AsNoTracking().SelfAsync();
        }

        var key = other.Services.GetRequiredService<NodeKey>();
        using (var scope = node.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            var now = node.Time.GetUtcNow().UtcDateTime;
            var party = new Party(otherSelf.StixId, otherSelf.Name, otherSelf.Country, isSelf: false, now);
            var partner = new Partner(party, other.Address, key.PublicKey, key.Fingerprint, null, false, now);
            partner.Trust(now);
            db.Add(partner);
            await db.SaveChangesAsync();
            await Feed.BackfillAsync(db, node.Time, partner.Id, default);
        }
    }

    public async Task DisposeAsync()
    {
        if (_browsers is not null)
        {
            await _browsers.DisposeAsync();
        }

        foreach (var node in new[] { A, B })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TwoDeskCollection : ICollectionFixture<TwoDeskFixture>
{
    public const string Name = "two desks";
}
