using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Liaison.Exchange;
using Liaison.Features.Alerts;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

/// <summary>
/// Issue 6 item 2 (every API capability on the desk, within two clicks of home) for what needs a partner:
/// acknowledgement windows per partner, raising an alert from a CAP document, the partner's acknowledgement as
/// CAP, and the figures an analyst reads.
/// </summary>
[Collection(TwoDeskCollection.Name)]
public sealed partial class PartnerOperationsTests(TwoDeskFixture desks)
{
    private const string PartnerB = "Iran border desk (browser test)";

    [Fact]
    public async Task AckWindows_AreSetPerPartner_AndAFlashLongerThanImmediateIsRefusedOnItsField()
    {
        var (admin, password) = await desks.NewUserAsync(desks.A, "Administrator");
        var key = await desks.A.EnableTwoFactorAsync(admin);
        var partners = new PartnersPage(await TwoDeskFixture.NewPageAsync(desks.BrowserA), desks.A.Address);
        await partners.SignInAsync(admin, password, () => desks.NextCode(desks.A, key));
        await partners.FollowAsync("Partner nodes");
        await partners.OpenAckWindowsAsync(PartnerB);
        var editor = partners.AckWindows(PartnerB);
        await Expect(editor).ToContainTextAsync("Default: 15 min");

        // Twenty minutes for FLASH while IMMEDIATE keeps its default fifteen: refused, and said beside the FLASH field.
        await partners.SetWindowAsync(PartnerB, "FLASH", "20", "minutes");
        await partners.SaveWindowsAsync(PartnerB);
        var flash = editor.GetByRole(AriaRole.Spinbutton, new() { Name = "FLASH window" });
        await Expect(flash).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(editor).ToContainTextAsync("FLASH may not be longer than IMMEDIATE.");
        Assert.Equal(TimeSpan.FromMinutes(5), await WindowOnAAsync(Precedence.Flash));

        await partners.SetWindowAsync(PartnerB, "FLASH", "2", "minutes");
        await partners.SetWindowAsync(PartnerB, "ROUTINE", "12", "hours");
        await partners.SaveWindowsAsync(PartnerB);
        await Expect(partners.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "saved" }))
            .ToHaveTextAsync($"Acknowledgement windows for {PartnerB} saved.");
        await Expect(editor).ToHaveCountAsync(0);
        Assert.Equal(TimeSpan.FromMinutes(2), await WindowOnAAsync(Precedence.Flash));
        Assert.Equal(TimeSpan.FromMinutes(15), await WindowOnAAsync(Precedence.Immediate));
        Assert.Equal(TimeSpan.FromHours(12), await WindowOnAAsync(Precedence.Routine));

        // Opened again, the editor shows what is stored, and "Back to defaults" then save restores them.
        await partners.OpenAckWindowsAsync(PartnerB);
        await Expect(flash).ToHaveValueAsync("2");
        await Expect(editor.GetByRole(AriaRole.Spinbutton, new() { Name = "ROUTINE window" })).ToHaveValueAsync("12");
        Assert.False(await partners.ScrollsSidewaysAsync());
        await editor.EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        await partners.ScreenshotAsync("partners-ack-windows");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Back to defaults" }).ClickAsync();
        await partners.SaveWindowsAsync(PartnerB);
        await Expect(editor).ToHaveCountAsync(0);
        Assert.Equal(TimeSpan.FromMinutes(5), await WindowOnAAsync(Precedence.Flash));
        Assert.Equal(TimeSpan.FromHours(24), await WindowOnAAsync(Precedence.Routine));
    }

    [Fact]
    public async Task CapDocument_IsCheckedAndPreviewed_ThenRaised_ItsAckDownloadsAsCap_AndTheFiguresCountIt()
    {
        var (officer, password) = await desks.NewUserAsync(desks.A, "LiaisonOfficer");
        var key = await desks.A.EnableTwoFactorAsync(officer);
        var page = await TwoDeskFixture.NewPageAsync(desks.BrowserA);
        var import = new CapImportPage(page, desks.A.Address);
        await import.SignInAsync(officer, password, () => desks.NextCode(desks.A, key));
        await import.FollowAsync("Alerts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import CAP" }).ClickAsync();
        await Expect(import.Heading).ToHaveTextAsync("Import a CAP alert");

        // Other tests on these desks acknowledge alerts too: the figures are compared with what they said before.
        var before = await AcknowledgedByBAsync();

        // A document that is not CAP 1.2 is refused element by element, and nothing is raised.
        var now = desks.A.Time.GetUtcNow();
        await import.ChooseAsync("bad.xml", Document(now, "Smuggling convoy near Taftan (bad)", urgency: "Soon"));
        await Expect(import.Problems).ToContainTextAsync("alert/info[1]/urgency");
        await Expect(import.Preview).ToHaveCountAsync(0);

        const string title = "Smuggling convoy heading for the Taftan crossing";
        await import.ChooseAsync("ndma-convoy.xml", Document(now, title, urgency: "Immediate"));
        await Expect(import.Problems).ToHaveCountAsync(0);
        await Expect(import.Preview).ToContainTextAsync(title);
        await Expect(import.Preview).ToContainTextAsync("TLP:AMBER");
        await Expect(import.Preview).ToContainTextAsync("Every partner the TLP allows");
        Assert.Equal(0, await CountAlertsAsync(desks.A));
        Assert.False(await import.ScrollsSidewaysAsync());
        await import.ScreenshotAsync("alert-cap-import");

        await import.RaiseAsync();
        await page.WaitForURLAsync(AlertAddress());
        var detail = new AlertDetailPage(page, desks.A.Address);
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Alert raised" })).ToBeVisibleAsync();
        await Expect(detail.Heading).ToContainTextAsync(title);
        var alertId = AlertAddress().Match(page.Url).Groups[1].Value;

        // B acknowledges (through its own use case); A then offers that acknowledgement as a CAP Ack.
        await TwoDeskFixture.EventuallyAsync(async () => await CountAlertsAsync(desks.B) == 1, "the imported alert reaches B");
        await AcknowledgeOnBAsync(alertId);
        await TwoDeskFixture.EventuallyAsync(async () => await AcknowledgedOnAAsync(alertId), "B's acknowledgement reaches A");
        await detail.GoToAsync($"alerts/{alertId}");
        var ackCap = detail.RecipientRow(PartnerB).GetByRole(AriaRole.Link, new() { Name = $"Download the acknowledgement of {PartnerB} as CAP 1.2" });
        await Expect(ackCap).ToBeVisibleAsync();
        var response = await page.APIRequest.GetAsync(new Uri(desks.A.Address, await ackCap.GetAttributeAsync("href")).ToString());
        Assert.Equal(200, response.Status);
        var ack = await response.TextAsync();
        Assert.Contains("<msgType>Ack</msgType>", ack, StringComparison.Ordinal);

        // Figures is one click from anywhere: B acknowledged one more alert, on time, and it is not overdue.
        await detail.FollowAsync("Figures");
        var figures = new FiguresPage(page, desks.A.Address);
        var row = figures.Row("By partner", PartnerB);
        await Expect(row.GetByRole(AriaRole.Cell).Nth(0)).ToHaveTextAsync($"{before.Acknowledged + 1}");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync($"{before.OnTime + 1}");
        await Expect(row.GetByRole(AriaRole.Cell).Nth(2)).ToHaveTextAsync($"{before.Late}");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Own alerts overdue now" })).Not.ToContainTextAsync(title);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Every published record as one STIX 2.1 bundle" })).ToHaveAttributeAsync("href", "api/stix");
        Assert.False(await figures.ScrollsSidewaysAsync());
        await figures.ScreenshotAsync("figures");

        // In Persian the figures read right to left, the durations stay left to right, and nothing spills sideways.
        await figures.SwitchLanguageAsync("فارسی");
        await Expect(figures.Heading).ToHaveTextAsync("آمار");
        Assert.Equal("rtl", await figures.DirectionAsync());
        Assert.False(await figures.ScrollsSidewaysAsync());
        await figures.ScreenshotAsync("figures-fa");
    }

    [Fact]
    public async Task DeadLetters_AreTwoClicksFromHome_AndRetryAllQueuesThemAgain()
    {
        // An alert delivered to B, whose delivery then counts as failed for good (as the relay leaves it when B refuses it).
        var alertId = await RaiseOnAAsync("Dead letter test: vehicles at the fence");
        await TwoDeskFixture.EventuallyAsync(async () => await DeliveryStateOnAAsync(alertId) == DeliveryState.Delivered, "the alert is delivered to B");
        using (var scope = desks.A.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Deliveries.Where(d => d.Shared.StixId == alertId)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.State, DeliveryState.DeadLetter).SetProperty(x => x.LastError, "refused by the partner (test)"));
        }

        var (admin, password) = await desks.NewUserAsync(desks.A, "Administrator");
        var key = await desks.A.EnableTwoFactorAsync(admin);
        var partners = new PartnersPage(await TwoDeskFixture.NewPageAsync(desks.BrowserA), desks.A.Address);
        await partners.SignInAsync(admin, password, () => desks.NextCode(desks.A, key));
        await partners.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^Show the [0-9]+ failed deliveries to {Regex.Escape(PartnerB)}$") }).ClickAsync();
        await Expect(partners.Heading).ToHaveTextAsync("Partner nodes");
        var dead = partners.Page.GetByRole(AriaRole.Region, new() { Name = $"Dead letters for {PartnerB}" });
        await Expect(dead).ToContainTextAsync(alertId);
        await Expect(dead).ToContainTextAsync("refused by the partner (test)");
        await dead.EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        await partners.ScreenshotAsync("partners-dead-letters");

        await dead.GetByRole(AriaRole.Button, new() { Name = "Retry all" }).ClickAsync();
        await Expect(partners.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "queued again" })).ToBeVisibleAsync();
        await TwoDeskFixture.EventuallyAsync(async () => await DeliveryStateOnAAsync(alertId) == DeliveryState.Delivered, "the retried alert is delivered again");
    }

    [GeneratedRegex(@"/alerts/(liaison-alert--[0-9a-f-]{36})")]
    private static partial Regex AlertAddress();

    /// <summary>A CAP 1.2 alert as another agency would send it; times are written with an offset, never Z (CAP 1.2 §3.3.2).</summary>
    private static string Document(DateTimeOffset now, string headline, string urgency)
    {
        static string Cap(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture);
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>NDMA-BROWSER-{now.ToUnixTimeSeconds()}-{urgency}</identifier>
              <sender>alerts@ndma.example</sender>
              <sent>{Cap(now)}</sent>
              <status>Actual</status>
              <msgType>Alert</msgType>
              <scope>Restricted</scope>
              <restriction>TLP:AMBER</restriction>
              <info>
                <category>Security</category>
                <event>Smuggling convoy</event>
                <urgency>{urgency}</urgency>
                <severity>Severe</severity>
                <certainty>Observed</certainty>
                <effective>{Cap(now)}</effective>
                <expires>{Cap(now.AddHours(6))}</expires>
                <headline>{headline}</headline>
                <description>Six trucks without lights, seen 15 km east of the crossing.</description>
                <area>
                  <areaDesc>Taftan crossing</areaDesc>
                  <circle>28.97,61.59 5</circle>
                </area>
              </info>
            </alert>
            """;
    }

    /// <summary>B's row of A's figures over the last 30 days (the page's default period), or zeros.</summary>
    private async Task<AckTimes> AcknowledgedByBAsync()
    {
        using var scope = desks.A.Services.CreateScope();
        var now = desks.A.Time.GetUtcNow().UtcDateTime;
        var figures = await AlertFigures.QueryAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), now, now.AddDays(-30), null, CancellationToken.None);
        return figures.ByPartner.SingleOrDefault(p => p.Group == PartnerB) ?? new AckTimes(PartnerB, 0, 0, 0, null, null);
    }

    private async Task<DeliveryState?> DeliveryStateOnAAsync(string stixId)
    {
        using var scope = desks.A.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Deliveries.Where(d => d.Shared.StixId == stixId)
            .Select(d => (DeliveryState?)d.State).FirstOrDefaultAsync();
    }

    private async Task<string> RaiseOnAAsync(string title)
    {
        using var scope = desks.A.Services.CreateScope();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.Name, "a-duty-officer"), new(ClaimTypes.Role, "LiaisonOfficer")], "test"));
        var input = new AlertInput
        {
            Precedence = "routine",
            Title = title,
            Area = JsonSerializer.SerializeToElement(new { type = "Circle", latitude = 28.97, longitude = 61.59, radius = 2000 }),
            ValidUntil = desks.A.Time.GetUtcNow().AddHours(6).ToString("O", CultureInfo.InvariantCulture),
        };
        var result = await RaiseAlert.HandleAsync(input, scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), desks.A.Time,
            desks.A.Services.GetRequiredService<Liaison.Live.DeskEvents>(), user, CancellationToken.None);
        return Assert.IsType<Created<AlertView>>(result.Result).Value!.Id;
    }

    private async Task<TimeSpan> WindowOnAAsync(Precedence precedence)
    {
        using var scope = desks.A.Services.CreateScope();
        var partner = await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Partners.AsNoTracking().Include(p => p.Party)
            .SingleAsync(p => p.Party.Name == PartnerB);
        return partner.AckWindow(precedence);
    }

    private static async Task<int> CountAlertsAsync(DeskNode node)
    {
        using var scope = node.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Set<Alert>().CountAsync(a => a.Title.StartsWith("Smuggling convoy"));
    }

    private async Task<bool> AcknowledgedOnAAsync(string alertId)
    {
        using var scope = desks.A.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Set<Alert>()
            .Where(a => a.StixId == alertId).SelectMany(a => a.Recipients).AnyAsync(r => r.AcknowledgedAt != null);
    }

    private async Task AcknowledgeOnBAsync(string alertId)
    {
        using var scope = desks.B.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.Name, "b-duty-officer"), new(ClaimTypes.Role, "LiaisonOfficer")], "test"));
        var result = await AcknowledgeAlert.HandleAsync(alertId, new AcknowledgeAlert.Request("Patrol sent to the crossing.", null, null), db, desks.B.Time,
            desks.B.Services.GetRequiredService<Liaison.Live.DeskEvents>(), user, CancellationToken.None);
        Assert.IsType<Ok<AcknowledgementView>>(result.Result);
    }
}
