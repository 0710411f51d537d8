using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

[Collection(DeskCollection.Name)]
public sealed class LanguageTests(DeskFixture desk)
{
    [Fact]
    public async Task Persian_TurnsTheDeskRightToLeft_AndBackToEnglish()
    {
        var (officer, password) = await desk.NewUserAsync("LiaisonOfficer");
        var page = await desk.NewPageAsync();
        var signIn = new SignInPage(page, desk.Node.Address);
        var desk2 = new DeskPage(page, desk.Node.Address);
        await signIn.OpenAsync();
        await desk2.SwitchLanguageAsync("فارسی");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await desk2.ScreenshotAsync("sign-in-fa");

        await desk2.SwitchLanguageAsync("English");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
        await desk2.SignInAsync(officer, password);

        await desk2.SwitchLanguageAsync("فارسی");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fa");
        await desk2.LiveAsync();
        await Expect(desk2.Heading).ToHaveTextAsync("خانه");
        // The navigation now sits on the right: it starts where the reading starts.
        var nav = await page.Locator(".sidebar").BoundingBoxAsync();
        var main = await page.Locator("#main").BoundingBoxAsync();
        Assert.True(nav!.X > main!.X, $"navigation at x={nav.X} should be right of the content at x={main.X}");
        Assert.False(await desk2.ScrollsSidewaysAsync());
        await desk2.ScreenshotAsync("home-fa");

        await desk2.GoToAsync("duty");
        Assert.False(await desk2.ScrollsSidewaysAsync());
        await desk2.ScreenshotAsync("duty-fa");

        await desk2.GoToAsync("incidents");
        Assert.False(await desk2.ScrollsSidewaysAsync());
        await desk2.ScreenshotAsync("incidents-fa");

        await desk2.SwitchLanguageAsync("اردو");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ur");
        await desk2.LiveAsync();
        Assert.False(await desk2.ScrollsSidewaysAsync());
        await desk2.ScreenshotAsync("incidents-ur");

        await desk2.SwitchLanguageAsync("English");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "ltr");
    }
}
