using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Liaison.Exchange;
using Liaison.Features.Incidents;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

/// <summary>
/// Issue 6 item 2, "partners and pairing": two administrators pair their nodes from the desk, each typing the
/// fingerprint the other read out. Two fresh nodes on loopback, not yet partners (the shared two-desk fixture is
/// already paired), each with its own Chromium.
/// </summary>
public sealed class PairingTests : IAsyncLifetime
{
    private const string PartyA = "Pakistan pairing desk (browser test)";
    private const string PartyB = "Iran pairing desk (browser test)";

    private DeskBrowsers? _browsers;
    private DeskNode? _a;
    private DeskNode? _b;
    private IBrowserContext? _browserA;
    private IBrowserContext? _browserB;

    private DeskNode A => _a!;

    private DeskNode B => _b!;

    public async Task InitializeAsync()
    {
        _a = await DeskNode.StartAsync(PartyA, "PK");
        _b = await DeskNode.StartAsync(PartyB, "IR");
        _browsers = await DeskBrowsers.StartAsync();
        _browserA = await _browsers.LaunchAsync();
        _browserB = await _browsers.LaunchAsync();
    }

    [Fact]
    public async Task Administrators_PairFromTheDesk_AWrongFingerprintIsRefusedOnItsField_ThenBothTrusted_AndAnIncidentCrosses()
    {
        var pageA = await AdministratorAsync(A, _browserA!);
        var pageB = await AdministratorAsync(B, _browserB!);
        await pageA.FollowAsync("Partner nodes");
        await Expect(pageA.Page.GetByRole(AriaRole.Button, new() { Name = "Copy this node's key fingerprint" })).ToBeVisibleAsync();
        await pageA.OpenFormAsync();
        await Expect(pageA.Form).ToContainTextAsync(A.Init.Fingerprint);

        // Plain http to a host that is not loopback needs the administrator's consent: refused beside the address.
        await pageA.PairAsync(new Uri("http://192.0.2.10/"), B.Init.Fingerprint);
        await Expect(pageA.Url).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(pageA.Url).ToHaveAccessibleDescriptionAsync(new Regex("^This is plain http to a host that is not loopback"));
        await Expect(pageA.Fingerprint).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(pageA.Row(PartyB)).ToHaveCountAsync(0);

        // A fingerprint that is not B's key: refused beside the fingerprint, the address is fine, nothing is pinned.
        var wrong = "SHA256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("not the partner's key")));
        await pageA.PairAsync(B.Address, wrong);
        await Expect(pageA.Fingerprint).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(pageA.Fingerprint).ToHaveAccessibleDescriptionAsync(new Regex($"has key {Regex.Escape(B.Init.Fingerprint)}, not {Regex.Escape(wrong)}"));
        await Expect(pageA.Url).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(pageA.Problem).ToContainTextAsync("Pairing stopped.");
        await Expect(pageA.Row(PartyB)).ToHaveCountAsync(0);
        Assert.Equal(0, await PartnerCountAsync(A));
        Assert.Equal(0, await PairingsAuditedAsync(A));

        // The right one: the steps show as they come, B is pinned here as pending and its row appears.
        await pageA.PairAsync(B.Address, B.Init.Fingerprint);
        await Expect(pageA.Outcome).ToHaveTextAsync($"{PartyB} is pinned: pending. It becomes trusted once its administrator pairs with this node.");
        await Expect(pageA.Fingerprint).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(pageA.Problem).ToHaveCountAsync(0);
        await Expect(pageA.Steps).ToContainTextAsync($"key       {B.Init.Fingerprint} is the fingerprint given");
        await Expect(pageA.Steps).ToContainTextAsync("answer    awaiting-pairing");
        await Expect(pageA.Row(PartyB)).ToContainTextAsync("Pending");
        Assert.Equal(PartnerState.Pending, await StateOfAsync(A, PartyB));
        Assert.False(await pageA.ScrollsSidewaysAsync());
        // The screenshot shows what a pairing leaves: its steps, the outcome and the partner's new row.
        await pageA.Form.GetByRole(AriaRole.Button, new() { Name = "Check and pair" }).EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        await pageA.ScreenshotAsync("partners-pair");

        // The pairing is audited under the administrator who did it, from the desk, as the CLI's is.
        Assert.Equal(1, await PairingsAuditedAsync(A));

        // B's administrator pairs back with A's fingerprint: trusted on both sides.
        await pageB.FollowAsync("Partner nodes");
        await pageB.OpenFormAsync();
        await pageB.PairAsync(A.Address, A.Init.Fingerprint);
        await Expect(pageB.Outcome).ToHaveTextAsync($"{PartyA} is paired: trusted. Records now flow both ways.");
        await Expect(pageB.Row(PartyA)).ToContainTextAsync("Trusted");
        Assert.Equal(PartnerState.Trusted, await StateOfAsync(B, PartyA));
        Assert.Equal(PartnerState.Trusted, await StateOfAsync(A, PartyB));
        await pageA.RefreshAsync();
        await Expect(pageA.Row(PartyB)).ToContainTextAsync("Trusted");

        // An incident published on A now reaches B.
        const string title = "Vehicles crossing at night near Mashkel (pairing test)";
        await PublishIncidentAsync(A, title);
        await TwoDeskFixture.EventuallyAsync(async () => await HasIncidentAsync(B, title), "the incident published on A reaches B");

        // In Persian the form reads right to left, its address and fingerprint stay left to right.
        await pageB.SwitchLanguageAsync("فارسی");
        await Expect(pageB.Page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await pageB.LiveAsync();
        await pageB.OpenFormAsync("جفت شدن با یک همتا");
        var url = pageB.Page.GetByRole(AriaRole.Textbox, new() { Name = "نشانی گره همتا" });
        await url.FillAsync(A.Address.ToString());
        Assert.Equal("ltr", await url.GetAttributeAsync("dir"));
        Assert.False(await pageB.ScrollsSidewaysAsync());
        await pageB.Page.GetByRole(AriaRole.Region, new() { Name = "جفت شدن با گره همتا" }).EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        await pageB.ScreenshotAsync("partners-pair-fa");
    }

    private async Task<PairPartnerPage> AdministratorAsync(DeskNode node, IBrowserContext browser)
    {
        var userName = $"pair-admin-{node.Init.PartyIdentity[^4..]}";
        await node.AddUserAsync(userName, "Administrator", displayName: "Pairing administrator");
        const string password = "a passphrase for the pairing desk";
        await node.SetOwnPasswordAsync(userName, password);
        var key = await node.EnableTwoFactorAsync(userName);
        var page = new PairPartnerPage(await browser.NewPageAsync(), node.Address);
        await page.SignInAsync(userName, password, () =>
        {
            // Both clocks move together, so the signatures between the nodes stay within their window.
            A.Time.Advance(TimeSpan.FromSeconds(30));
            B.Time.Advance(TimeSpan.FromSeconds(30));
            return node.Totp(key);
        });
        return page;
    }

    private static async Task<int> PartnerCountAsync(DeskNode node)
    {
        using var scope = node.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Partners.CountAsync();
    }

    private static async Task<PartnerState> StateOfAsync(DeskNode node, string party)
    {
        using var scope = node.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Partners.Where(p => p.Party.Name == party).Select(p => p.State).SingleAsync();
    }

    private static async Task<int> PairingsAuditedAsync(DeskNode node)
    {
        using var scope = node.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().AuditEntries
            .CountAsync(e => e.Action == "partner.pair" && e.Outcome == "success" && e.Actor.StartsWith("user:pair-admin-") && e.Details.Contains("\"via\":\"desk\""));
    }

    private static async Task<bool> HasIncidentAsync(DeskNode node, string title)
    {
        using var scope = node.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Incidents.AnyAsync(i => i.Title == title && !i.OriginParty.IsSelf);
    }

    /// <summary>A published report made through the API as a script would, by an analyst of <paramref name="node"/>.</summary>
    private static async Task PublishIncidentAsync(DeskNode node, string title)
    {
        await node.AddUserAsync("pair-analyst", "Analyst");
        const string password = "a passphrase for the pairing analyst";
        await node.SetOwnPasswordAsync("pair-analyst", password);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = node.Address };
        (await client.PostAsJsonAsync("/api/account/sign-in", new { userName = "pair-analyst", password })).EnsureSuccessStatusCode();
        var created = await client.PostAsJsonAsync("/api/incidents", new
        {
            title,
            occurred = new { start = "2026-11-27T22:10:00Z", precision = "minute" },
            category = "border-violation",
            location = new { placeName = "Mashkel" },
        });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var view = await created.Content.ReadFromJsonAsync<IncidentView>(IncidentContent.Json);
        (await client.PostAsync($"/api/incidents/{view!.Id}/publish", null)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (_browsers is not null)
        {
            await _browsers.DisposeAsync();
        }

        foreach (var node in new[] { _a, _b })
        {
            if (node is not null)
            {
                await node.DisposeAsync();
            }
        }
    }
}
