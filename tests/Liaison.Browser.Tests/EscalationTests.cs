using System.Text.Json.Nodes;
using Liaison.Audit;
using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Liaison.Exchange;
using Liaison.Features.Demo;
using Liaison.Features.Notifications;
using Liaison.Features.Parties;
using Liaison.Live;
using Liaison.Protocol.Signing;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

/// <summary>
/// A partner's alert nobody acknowledges climbs the duty ladder: the desk's notifications page and its unread badge,
/// and the alert's escalation timeline, until an officer acknowledges and the rest of the ladder is cancelled.
/// Its own node, so the alert it leaves unanswered does not show on the other desk tests' pages.
/// </summary>
public sealed class EscalationTests : IAsyncLifetime
{
    private const string Title = "Smugglers expected at the Mirjaveh river crossing";
    private IPlaywright? _playwright;
    private IBrowserContext? _browser;
    private string _profile = "";
    private DeskNode _node = null!;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _node = await DeskNode.StartAsync();
        using (var scope = _node.Services.CreateScope())
        {
            await DemoSeed.SeedAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), _node.Time, CancellationToken.None);
        }

        _playwright = await Playwright.CreateAsync();
        _profile = Directory.CreateTempSubdirectory("liaison-chromium-").FullName;
        _browser = await Chromium.LaunchAsync(_playwright, _profile);
        _browser.SetDefaultTimeout(15_000);
        Assertions.SetDefaultExpectTimeout(10_000);
    }

    [Fact]
    public async Task UnansweredAlert_StepsShowOnNotificationsAndTimeline_ReadCountsDownLive_AcknowledgementCancelsTheRest()
    {
        var alertId = await ReceivePartnerAlertAsync();
        await TickAsync();
        _node.Time.Advance(TimeSpan.FromMinutes(6));
        await TickAsync();
        var unread = await WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.ReadAt == null));
        Assert.True(unread >= 2, $"two steps fired, {unread} notifications");

        await _node.AddUserAsync("officer", "LiaisonOfficer");
        await _node.SetOwnPasswordAsync("officer", "a passphrase for the test desk");
        var page = await _browser!.NewPageAsync();
        var desk = new DeskPage(page, _node.Address);
        await desk.SignInAsync("officer", "a passphrase for the test desk");

        var badge = desk.Navigation.GetByRole(AriaRole.Link, new() { Name = "Notifications" }).GetByTestId("unread-count");
        await Expect(badge).ToHaveTextAsync($"{unread} unread notifications");
        await desk.Navigation.GetByRole(AriaRole.Link, new() { Name = "Notifications" }).ClickAsync();
        await Expect(desk.Heading).ToHaveTextAsync("Notifications");
        var items = page.GetByRole(AriaRole.List, new() { Name = "Notifications" }).GetByRole(AriaRole.Listitem);
        await Expect(items).ToHaveCountAsync(unread);
        await Expect(items.First).ToContainTextAsync(Title);
        await Expect(items.First.GetByRole(AriaRole.Link, new() { Name = "Open the alert" })).ToHaveAttributeAsync("href", $"alerts/{alertId}");
        Assert.False(await desk.ScrollsSidewaysAsync());
        await desk.ScreenshotAsync("notifications");

        // Reading one counts the badge down without a reload; it moves below the unread ones.
        await items.First.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(badge).ToHaveTextAsync($"{unread - 1} unread notifications");
        await Expect(items.Last).ToContainTextAsync("Read by officer");

        await items.First.GetByRole(AriaRole.Link, new() { Name = "Open the alert" }).ClickAsync();
        await Expect(desk.Heading).ToHaveTextAsync(Title);
        var ladder = page.GetByRole(AriaRole.Region, new() { Name = "Escalation" });
        var rows = ladder.GetByRole(AriaRole.Table).Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(4);
        await Expect(rows.Nth(0)).ToContainTextAsync("Sector duty officer");
        await Expect(rows.Nth(0)).ToContainTextAsync("Fired");
        await Expect(rows.Nth(1)).ToContainTextAsync("Supervisor");
        await Expect(rows.Nth(1)).ToContainTextAsync("Fired");
        await Expect(rows.Nth(2)).ToContainTextAsync("Pending");
        await Expect(rows.Nth(3)).ToContainTextAsync("Everyone on duty");
        var timeline = page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });
        await Expect(timeline.GetByText("Escalated", new() { Exact = true })).ToHaveCountAsync(2);

        var detail = new AlertDetailPage(page, _node.Address);
        await detail.AcknowledgeAsync("Received. Patrol on its way.", "Crossing watched from post 3.");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Acknowledged");
        await Expect(rows.Nth(2)).ToContainTextAsync("Cancelled");
        await Expect(rows.Nth(3)).ToContainTextAsync("by the acknowledgement of");
        await Expect(timeline.GetByText("Escalation cancelled", new() { Exact = true })).ToHaveCountAsync(1);
        Assert.False(await detail.ScrollsSidewaysAsync());
        await ladder.ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => document.getElementById('escalation').scrollIntoView({ block: 'start' })");
        await detail.ScreenshotAsync("alert-escalation");

        // Nothing fires after the acknowledgement, however long the desk waits.
        _node.Time.Advance(TimeSpan.FromHours(1));
        await TickAsync();
        Assert.Equal(2, await WithDbAsync(db => db.Set<Liaison.Features.Escalation.EscalationStep>().CountAsync(s => s.FiredAt != null)));
    }

    private Task<int> TickAsync() => _node.Services.GetRequiredService<DueWorker>().RunOnceAsync(_node.Time.GetUtcNow().UtcDateTime);

    private async Task<T> WithDbAsync<T>(Func<LiaisonDbContext, Task<T>> query)
    {
        using var scope = _node.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>());
    }

    /// <summary>An IMMEDIATE alert (15-minute window) from a partner node, taken in as the exchange takes in a push.</summary>
    private async Task<string> ReceivePartnerAlertAsync()
    {
        using var scope = _node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var now = _node.Time.GetUtcNow();
        var self = await db.Parties.SelfAsync();
        var party = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Iran border desk (escalation test)", "IR", isSelf: false, now.UtcDateTime);
        using var key = NodeKey.Generate();
        var partner = new Partner(party, new Uri("http://127.0.0.1:9/"), key.PublicKey, key.Fingerprint, null, false, now.UtcDateTime);
        partner.Trust(now.UtcDateTime);
        partner.Suspend();
        db.Add(partner);
        await db.SaveChangesAsync();

        var alert = new LiaisonAlert
        {
            Id = StixId.NewRandom(LiaisonAlert.TypeName),
            Created = now,
            Modified = now,
            CreatedByRef = StixId.Parse(party.StixId),
            ObjectMarkingRefs = [Tlp.IdOf(TlpLevel.Amber)],
            Precedence = "immediate",
            Title = Title,
            Description = "Two boats with about ten people seen loading on the far bank at dusk.",
            Area = new JsonObject { ["type"] = "Circle", ["latitude"] = 29.02, ["longitude"] = 61.45, ["radius"] = 3000.0 },
            ValidFrom = now,
            ValidUntil = now.AddHours(6),
            Status = "active",
            Revision = 1,
            AcknowledgeBy = new Dictionary<StixId, DateTimeOffset> { [StixId.Parse(self.StixId)] = now.AddMinutes(15) },
        };
        var results = await Ingest.ReceiveAsync(db, _node.Time, partner, [StixJson.ToJsonString(alert.ToJson())], CancellationToken.None,
            scope.ServiceProvider.GetRequiredService<AuditLog>(), scope.ServiceProvider.GetRequiredService<DeskEvents>());
        Assert.All(results, r => Assert.True(r.Success, r.Message));
        return alert.Id.ToString();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        try
        {
            if (_profile.Length > 0)
            {
                Directory.Delete(_profile, recursive: true);
            }
        }
        catch (IOException)
        {
            // A profile file Chromium still holds only leaves litter in /tmp.
        }
    }
}
