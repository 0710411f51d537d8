using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

[Collection(DeskCollection.Name)]
public sealed class LayoutTests(DeskFixture desk)
{
    /// <summary>
    /// Every main page, as an administrator sees it, fits a 1280×720 window without sideways scrolling; each is
    /// saved to docs/screenshots for the README (and for a person to look at).
    /// </summary>
    [Fact]
    public async Task MainPages_FitA1280x720Window_WithoutSidewaysScrolling()
    {
        var (revisedId, officerId) = await DemoIdsAsync();
        var page = await desk.NewPageAsync();
        var admin = new DeskPage(page, desk.Node.Address);
        await admin.SignInAsync(desk.Node.Init.AdminUserName, desk.AdminPassword, () => desk.NextCode(desk.AdminKey));

        (string Path, string Heading, string Screenshot)[] pages =
        [
            ("incidents", "Incidents", "incidents"),
            ($"incidents/{revisedId}", "Pakistani workers shot dead near Saravan", "incident-revised"),
            ("duty", "On duty now", "duty"),
            ("officers", "Officers and roster", "officers"),
            ($"officers/{officerId}", "Kamran Akhtar", "officer"),
            ("sectors", "Sectors and posts", "sectors"),
            ("sectors/SRV-PJG", "Saravan–Panjgur", "sector"),
            ("sectors/SRV-PJG/edit", "Edit sector SRV-PJG", "sector-edit"),
            ("admin/users", "Users and roles", "users"),
            ("tokens", "API tokens", "tokens"),
            ("audit", "Audit log", "audit"),
        ];
        var wide = new List<string>();
        foreach (var (path, heading, screenshot) in pages)
        {
            await admin.GoToAsync(path);
            await Expect(admin.Heading).ToContainTextAsync(heading);
            if (await admin.ScrollsSidewaysAsync())
            {
                wide.Add(path);
            }

            await admin.ScreenshotAsync(screenshot);
        }

        Assert.True(wide.Count == 0, $"scrolls sideways at 1280×720: {string.Join(", ", wide)}");
    }

    [Fact]
    public async Task Navigation_ReachesEveryMainPage_FromTheKeyboard()
    {
        var (officer, password) = await desk.NewUserAsync("LiaisonOfficer");
        var page = await desk.NewPageAsync();
        var desk2 = new DeskPage(page, desk.Node.Address);
        await desk2.SignInAsync(officer, password);

        // The skip link, hidden until focused, shows itself to a keyboard user.
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        // Focused again until it shows: just after sign-in the desk may still be connecting its live view, and a
        // re-render then takes the focus away (seen once on a busy machine).
        var shown = false;
        for (var attempt = 0; attempt < 20 && !shown; attempt++)
        {
            await skip.FocusAsync();
            shown = await skip.BoundingBoxAsync() is { Y: >= 0 };
            if (!shown)
            {
                await Task.Delay(250);
            }
        }

        Assert.True(shown, "the focused skip link is on screen");

        var incidents = desk2.Navigation.GetByRole(AriaRole.Link, new() { Name = "Incidents" });
        await incidents.FocusAsync();
        var outline = await incidents.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        Assert.NotEqual("none", outline);
        await page.Keyboard.PressAsync("Enter");
        await Expect(desk2.Heading).ToHaveTextAsync("Incidents");

        // A liaison officer keeps the roster but does not administer users.
        await Expect(desk2.Navigation.GetByRole(AriaRole.Link, new() { Name = "Users and roles" })).ToHaveCountAsync(0);
        await desk2.FollowAsync("Officers and roster");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add an officer" })).ToBeVisibleAsync();
    }

    private async Task<(string RevisedId, int OfficerId)> DemoIdsAsync()
    {
        using var scope = desk.Node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var revised = await db.Incidents.Where(i => i.Title == "Pakistani workers shot dead near Saravan").Select(i => i.StixId).SingleAsync();
        var officer = await db.Officers.Where(o => o.FullName == "Kamran Akhtar").Select(o => o.Id).SingleAsync();
        return (revised, officer);
    }
}
