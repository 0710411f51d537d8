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

    /// <summary>
    /// The map on a tablet held upright in Persian: the page never scrolls sideways, and the filters' two rows sit
    /// together rather than with an empty band between them.
    /// </summary>
    [Fact]
    public async Task Picture_OnATabletInPersian_FitsTheWindow_WithItsFilterRowsTogether()
    {
        var page = await desk.NewPageAsync();
        var picture = new PicturePage(page, desk.Node.Address);
        await picture.SignInAsync(desk.Node.Init.AdminUserName, desk.AdminPassword, () => desk.NextCode(desk.AdminKey));
        await page.SetViewportSizeAsync(820, 1180);
        await picture.SwitchLanguageAsync("فارسی");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await picture.GoToAsync("picture");
        await picture.BaseLayerAsync();

        // Reached inside the live desk, and loaded afresh (the map's stylesheets then arrive with the page).
        Assert.Equal("", await SidewaysOverflowAsync(page));
        await page.ReloadAsync();
        await picture.LiveAsync();
        await picture.BaseLayerAsync();
        Assert.Equal("", await SidewaysOverflowAsync(page));
        // And with a record's details open beside the map.
        await page.Locator(".picture-map .map-symbol").First.ClickAsync();
        await Expect(page.Locator(".picture-details a.button")).ToBeVisibleAsync();
        Assert.Equal("", await SidewaysOverflowAsync(page));
        Assert.True(await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth"));

        // What a person sees: the lowest control of the first row and the highest of the second. Half a line
        // between them is the rows' gap; much more is an empty band that looks like broken layout.
        var band = await page.EvaluateAsync<double[]>("""
            () => {
                const rows = document.querySelectorAll('.picture-filters .filter-row');
                const boxes = row => [...row.querySelectorAll('label, select, input, button, legend')].map(e => e.getBoundingClientRect()).filter(r => r.height > 0);
                return [rows.length, Math.max(...boxes(rows[0]).map(r => r.bottom)), Math.min(...boxes(rows[1]).map(r => r.top))];
            }
            """);
        var layout = await page.EvaluateAsync<string>("""
            () => [...document.querySelectorAll('.picture-filters, .picture-filters .filter-row, .picture-filters .filter-row > *')]
                .map(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e); return `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} ${Math.round(r.top)}-${Math.round(r.bottom)} m(${s.marginTop},${s.marginBottom}) mh ${s.minHeight} d ${s.display} ac ${s.alignContent}`; }).join('; ') + ' | ' + [...document.querySelectorAll('.picture-filters .time-slider *')].map(e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e); return `${e.tagName.toLowerCase()} ${Math.round(r.top)}-${Math.round(r.bottom)} m(${s.marginTop},${s.marginBottom}) pos ${s.position}`; }).join('; ')
            """);
        Assert.Equal(2, band[0]);
        Assert.True(band[2] - band[1] is >= 0 and <= 20, $"{band[2] - band[1]} px between the filter rows: {layout}");
        await picture.ScreenshotAsync("tablet-picture-fa");
    }

    /// <summary>Empty when the page fits; otherwise what sticks out, so a failure says where to look.</summary>
    private static Task<string> SidewaysOverflowAsync(IPage page) =>
        page.EvaluateAsync<string>("""
            () => {
                const root = document.scrollingElement;
                if (root.scrollWidth <= root.clientWidth) return "";
                const out = [...document.querySelectorAll('body *')]
                    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > root.clientWidth + 1 || r.left < -1); })
                    .slice(0, 8)
                    .map(e => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')} [${Math.round(e.getBoundingClientRect().left)}, ${Math.round(e.getBoundingClientRect().right)}]`);
                return `scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}: ${out.join('; ')}`;
            }
            """);

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
