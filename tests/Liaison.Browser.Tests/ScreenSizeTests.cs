using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

[Collection(DeskCollection.Name)]
public sealed class ScreenSizeTests(DeskFixture desk)
{
    private static readonly string[] MainPages =
        ["", "alerts", "channel", "incidents", "duty", "officers", "sectors", "admin/users", "admin/partners", "tokens", "audit", "account/preferences"];

    /// <summary>
    /// The main pages on a desk monitor (1280×720) and a tablet held upright (820×1180), in English and Persian:
    /// the main content never runs wider than the window, and Persian lays out right to left.
    /// </summary>
    [Theory]
    [InlineData("en", 1280, 720)]
    [InlineData("en", 820, 1180)]
    [InlineData("fa", 1280, 720)]
    [InlineData("fa", 820, 1180)]
    public async Task MainPages_FitTheWindow_InEachLanguage(string language, int width, int height)
    {
        var page = await desk.NewPageAsync();
        var admin = new DeskPage(page, desk.Node.Address);
        await admin.SignInAsync(desk.Node.Init.AdminUserName, desk.AdminPassword, () => desk.NextCode(desk.AdminKey));
        await page.SetViewportSizeAsync(width, height);
        if (language == "fa")
        {
            await admin.SwitchLanguageAsync("فارسی");
            await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        }

        var tablet = width < height;
        var overflowing = new List<string>();
        foreach (var path in MainPages)
        {
            if (path.StartsWith("account/", StringComparison.Ordinal))
            {
                // Account pages are plain server-rendered forms: a full page load, and no live connection to wait for.
                await page.GotoAsync(new Uri(desk.Node.Address, path).ToString());
            }
            else
            {
                await admin.GoToAsync(path);
            }

            await Expect(admin.Heading).ToBeVisibleAsync();
            Assert.Equal(language == "fa" ? "rtl" : "ltr", await admin.DirectionAsync());
            // Resource keys showing instead of text (Audit.Title) mean a translation is missing.
            Assert.DoesNotMatch(@"\b[A-Z][a-z]+\.[A-Z][A-Za-z]+\b", await admin.Heading.InnerTextAsync());
            if (await MainOverflowsAsync(page))
            {
                overflowing.Add(path.Length == 0 ? "home" : path);
            }

            if (tablet && path is "" or "incidents" or "alerts" or "audit" or "account/preferences")
            {
                var name = path.Length == 0 ? "home" : path.Replace("account/", "", StringComparison.Ordinal);
                await admin.ScreenshotAsync($"tablet-{name}{(language == "en" ? "" : "-" + language)}");
            }
        }

        Assert.True(overflowing.Count == 0, $"main content wider than {width}×{height} in {language}: {string.Join(", ", overflowing)}");
    }

    // Tables may scroll inside their own frame; the page around them must not.
    private static Task<bool> MainOverflowsAsync(IPage page) =>
        page.EvaluateAsync<bool>("""
            () => {
                const main = document.querySelector('main');
                const root = document.documentElement;
                return root.scrollWidth > root.clientWidth + 1 || main.scrollWidth > main.clientWidth + 1;
            }
            """);
}
