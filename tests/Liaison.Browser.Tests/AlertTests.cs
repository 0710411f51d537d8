using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Liaison.Features.Alerts;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

/// <summary>The issue's key scenario, across two paired nodes and two browsers, with no reload anywhere.</summary>
[Collection(TwoDeskCollection.Name)]
public sealed class AlertTests(TwoDeskFixture desks)
{
    [Fact]
    public async Task FlashAlert_RaisedOnA_BannersOnB_AcknowledgedOnB_ShowsOnTimeOnA()
    {
        var (officerA, passwordA) = await desks.NewUserAsync(desks.A, "LiaisonOfficer");
        var keyA = await desks.A.EnableTwoFactorAsync(officerA);
        var (officerB, passwordB) = await desks.NewUserAsync(desks.B, "LiaisonOfficer");

        // B's desk is open on its home page before anything is raised: the banner must come to it.
        var pageB = await TwoDeskFixture.NewPageAsync(desks.BrowserB);
        var homeB = new DeskPage(pageB, desks.B.Address);
        await homeB.SignInAsync(officerB, passwordB);
        // Other tests on the shared desks may leave their own FLASH alerts unacknowledged: look for this one only.
        const string title = "Armed group moving towards the Taftan crossing";
        var banner = new FlashBannerPart(pageB);
        await Expect(banner.Acknowledge(title)).ToHaveCountAsync(0);

        var pageA = await TwoDeskFixture.NewPageAsync(desks.BrowserA);
        var editor = new AlertEditorPage(pageA, desks.A.Address);
        await editor.SignInAsync(officerA, passwordA, () => desks.NextCode(desks.A, keyA));
        await editor.FollowAsync("Alerts");
        await pageA.GetByRole(AriaRole.Link, new() { Name = "Raise alert" }).ClickAsync();
        await Expect(editor.Heading).ToHaveTextAsync("Raise an alert");
        await editor.LiveAsync();

        await editor.Precedence.SelectOptionAsync(new SelectOptionValue { Value = "flash" });
        await editor.Title.FillAsync(title);
        await editor.Description.FillAsync("About twenty armed men seen 4 km east of the crossing, heading west.");
        await editor.AreaShape.SelectOptionAsync(new SelectOptionValue { Value = "circle" });
        await editor.Latitude.FillAsync("28.95");
        await editor.Longitude.FillAsync("61.59");
        await editor.Radius.FillAsync("5000");
        await editor.Recipient("Iran border desk (browser test)").CheckAsync();
        await editor.RaiseAsync();

        var detailA = new AlertDetailPage(pageA, desks.A.Address);
        await Expect(detailA.Heading).ToHaveTextAsync(title);
        await Expect(pageA.GetByRole(AriaRole.Status)).ToContainTextAsync("Alert raised");
        var alertId = new Uri(pageA.Url).AbsolutePath.Split('/')[^1];
        await Expect(pageA.GetByRole(AriaRole.Link, new() { Name = "Download as CAP 1.2" })).ToHaveAttributeAsync("href", $"api/alerts/{alertId}/cap");

        // On B, without a reload: the banner with the time left, the tone's mute switch, and the way to acknowledge.
        await Expect(banner.Banner).ToBeVisibleAsync();
        await Expect(banner.Banner).ToContainTextAsync(title);
        await Expect(banner.Banner).ToContainTextAsync("left");
        await Expect(banner.Mute).ToBeVisibleAsync();
        await homeB.ScreenshotAsync("flash-banner");
        await Expect(pageB.GetByRole(AriaRole.Region, new() { Name = "Needs you now" })).ToContainTextAsync(title);
        await homeB.ScreenshotAsync("home");

        await banner.Acknowledge(title).ClickAsync();
        var detailB = new AlertDetailPage(pageB, desks.B.Address);
        await Expect(detailB.Heading).ToHaveTextAsync(title);
        await detailB.AcknowledgeAsync("Received. Post 7 reinforced.", "Patrol sent to the eastern approach.");
        await Expect(pageB.GetByRole(AriaRole.Status)).ToContainTextAsync("Acknowledged");
        await Expect(banner.Acknowledge(title)).ToHaveCountAsync(0);

        // On A, again without a reload: the partner acknowledged, on time, with its response.
        var row = detailA.RecipientRow("Iran border desk (browser test)");
        await Expect(row).ToContainTextAsync("acknowledged (on time)");
        await Expect(row).ToContainTextAsync("Post 7 reinforced.");
        await Expect(detailA.Timeline).ToContainTextAsync("Acknowledged");
        await detailA.ScreenshotAsync("alert-detail");

        // The alert pages fit a desk monitor, and B's desk reads right to left in Persian.
        var wide = new List<string>();
        foreach (var (path, heading, screenshot) in new[] { ("alerts", "Alerts", "alerts"), ("alerts/new", "Raise an alert", "alert-raise") })
        {
            await detailA.GoToAsync(path);
            await Expect(detailA.Heading).ToHaveTextAsync(heading);
            if (await detailA.ScrollsSidewaysAsync())
            {
                wide.Add(path);
            }

            await detailA.ScreenshotAsync(screenshot);
        }

        Assert.True(wide.Count == 0, $"scrolls sideways at 1280×720: {string.Join(", ", wide)}");
        await detailB.SwitchLanguageAsync("فارسی");
        await Expect(pageB.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await detailB.LiveAsync();
        Assert.False(await detailB.ScrollsSidewaysAsync());
        await detailB.ScreenshotAsync("alert-detail-fa");

        using var scope = desks.A.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var alert = await db.Set<Alert>().AsNoTracking().Include(a => a.Recipients).SingleAsync(a => a.StixId == alertId);
        Assert.True(alert.Recipients.Single().OnTime);
    }

    [Fact]
    public async Task CancelAlert_AsksFirst_ThenThePartnerHoldsItCancelled()
    {
        var (officerA, passwordA) = await desks.NewUserAsync(desks.A, "LiaisonOfficer");
        var keyA = await desks.A.EnableTwoFactorAsync(officerA);
        var alertId = await RaiseOnAAsync(officerA, "Smuggling convoy expected near Mand tonight");

        var page = await TwoDeskFixture.NewPageAsync(desks.BrowserA);
        var detail = new AlertDetailPage(page, desks.A.Address);
        await detail.SignInAsync(officerA, passwordA, () => desks.NextCode(desks.A, keyA));
        await detail.GoToAsync($"alerts/{alertId}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel alert" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Alertdialog, new() { Name = "Cancel this alert?" });
        await Expect(confirm).ToBeVisibleAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(page.GetByText("Active", new() { Exact = true })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel alert" }).ClickAsync();
        await confirm.GetByLabel("Reason").FillAsync("The convoy was stopped on our side.");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Yes, cancel the alert" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Alert cancelled.");
        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("The convoy was stopped on our side.");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel alert" })).ToHaveCountAsync(0);

        await TwoDeskFixture.EventuallyAsync(async () =>
        {
            using var scope = desks.B.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            return await db.Set<Alert>().AnyAsync(a => a.StixId == alertId && a.Status == AlertStatus.Cancelled);
        }, "B holds the alert as cancelled");
    }

    /// <summary>Raises an IMMEDIATE alert to B through the feature's own use case, as the desk's form does.</summary>
    private async Task<string> RaiseOnAAsync(string userName, string title)
    {
        using var scope = desks.A.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, userName), new(System.Security.Claims.ClaimTypes.Role, "LiaisonOfficer")], "test"));
        var input = new AlertInput
        {
            Precedence = "immediate",
            Title = title,
            Area = System.Text.Json.JsonSerializer.SerializeToElement(new { type = "Circle", latitude = 25.8, longitude = 61.7, radius = 3000 }),
            ValidUntil = desks.A.Time.GetUtcNow().AddHours(12).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        var result = await RaiseAlert.HandleAsync(input, db, desks.A.Time, desks.A.Services.GetRequiredService<Liaison.Live.DeskEvents>(), user, CancellationToken.None);
        return Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.Created<AlertView>>(result.Result).Value!.Id;
    }
}
