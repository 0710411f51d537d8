using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

/// <summary>The map scenario: an incident reported on node A turns up on node B's map and timeline.</summary>
[Collection(TwoDeskCollection.Name)]
public sealed class PictureTests(TwoDeskFixture desks)
{
    [Fact]
    public async Task IncidentCreatedOnA_AppearsOnBsMapAndTimeline_WithItsDetails()
    {
        var (analystA, passwordA) = await desks.NewUserAsync(desks.A, "Analyst");
        var (officerB, passwordB) = await desks.NewUserAsync(desks.B, "LiaisonOfficer");

        // B's map is open before the report exists: it must arrive there without a reload.
        var pageB = await TwoDeskFixture.NewPageAsync(desks.BrowserB);
        var picture = new PicturePage(pageB, desks.B.Address);
        await picture.SignInAsync(officerB, passwordB);
        await picture.OpenAsync();
        await picture.BaseLayerAsync();

        var pageA = await TwoDeskFixture.NewPageAsync(desks.BrowserA);
        var list = new IncidentListPage(pageA, desks.A.Address);
        await list.SignInAsync(analystA, passwordA);
        await list.FollowAsync("Incidents");
        await list.NewReportAsync();
        var editor = new IncidentEditorPage(pageA, desks.A.Address);
        await editor.LiveAsync();
        const string title = "Vehicle fired on near the Mirjaveh rail yard";
        await editor.Title.FillAsync(title);
        await editor.Category.SelectOptionAsync(new SelectOptionValue { Label = "Cross-border strike" });
        await editor.PlaceName.FillAsync("Mirjaveh rail yard");
        await pageA.GetByLabel("Latitude").FillAsync("29.02");
        await pageA.GetByLabel("Longitude").FillAsync("61.45");
        await editor.SaveAndPublishAsync();
        await Expect(new IncidentDetailPage(pageA, desks.A.Address).Heading).ToHaveTextAsync(title);
        var id = new Uri(pageA.Url).AbsolutePath.Split('/')[^1];

        // On B: the symbol is on the map, keyboard-reachable, and a click shows the details with a link to the report.
        var symbol = picture.Symbol(title);
        await Expect(symbol).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await symbol.ClickAsync();
        await Expect(picture.Details).ToContainTextAsync(title);
        await Expect(picture.Details).ToContainTextAsync("Cross-border strike");
        await Expect(picture.Details).ToContainTextAsync("Mirjaveh rail yard");
        await Expect(picture.Details).ToContainTextAsync("Pakistan border desk (browser test)");
        await Expect(picture.Details.GetByRole(AriaRole.Link, new() { Name = "Open the incident report" })).ToHaveAttributeAsync("href", $"incidents/{id}");
        await Expect(picture.Row(title)).ToContainTextAsync("Incident");

        // The filters hide it and bring it back: another category, then a window that ended before it occurred.
        await picture.Filters.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Kidnapping" });
        await Expect(picture.Symbol(title)).ToHaveCountAsync(0);
        await Expect(picture.Row(title)).ToHaveCountAsync(0);
        await picture.Filters.GetByLabel("Category").SelectOptionAsync(new SelectOptionValue { Label = "Cross-border strike" });
        await Expect(picture.Symbol(title)).ToBeVisibleAsync();
        await picture.Filters.GetByLabel("Incidents").UncheckAsync();
        await Expect(picture.Symbol(title)).ToHaveCountAsync(0);
        await picture.Filters.GetByLabel("Incidents").CheckAsync();
        await Expect(picture.Symbol(title)).ToBeVisibleAsync();

        // Keyboard: the symbol takes focus and Enter chooses it, as a click does.
        await picture.Details.GetByRole(AriaRole.Link).WaitForAsync();
        await symbol.FocusAsync();
        await pageB.Keyboard.PressAsync("Enter");
        await Expect(picture.Details).ToContainTextAsync(title);

        // The timeline has it under its day, linked to its page.
        await picture.FollowAsync("Timeline");
        var timeline = new TimelinePage(pageB, desks.B.Address);
        var entry = timeline.Entry(title);
        await Expect(entry).ToContainTextAsync("Cross-border strike");
        await entry.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await Expect(timeline.Heading).ToHaveTextAsync(title);
        Assert.EndsWith($"/incidents/{id}", new Uri(pageB.Url).AbsolutePath, StringComparison.Ordinal);
    }
}

/// <summary>The map and timeline over the demo border: what a desk sees, in English and Persian, on a monitor and a tablet.</summary>
[Collection(DeskCollection.Name)]
public sealed class DemoPictureTests(DeskFixture desk)
{
    [Fact]
    public async Task Picture_DrawsTheBorderSectorsPostsAndIncidents_AndMirrorsInPersian()
    {
        var (officer, password) = await desk.NewUserAsync("LiaisonOfficer");
        var page = await desk.NewPageAsync();
        var picture = new PicturePage(page, desk.Node.Address);
        await picture.SignInAsync(officer, password);
        await picture.OpenAsync();
        await picture.BaseLayerAsync();

        // Natural Earth is drawn (land and the shared borders), and so are the demo's sectors, posts and reports.
        Assert.True(await page.Locator(".picture-map .leaflet-base-pane path").CountAsync() >= 2, "the offline base layer has no shapes");
        await Expect(page.Locator(".map-sector-label").Filter(new() { HasText = "TFT-MJV" })).ToBeVisibleAsync();
        await Expect(picture.Symbol("MSK-BP · Mashkel border post")).ToBeVisibleAsync();
        const string strike = "Iranian missile and drone strikes in Panjgur district";
        await Expect(picture.Symbol(strike)).ToBeVisibleAsync();
        await Expect(picture.Row(strike)).ToContainTextAsync("Cross-border strike");

        // The table is the map's alternative: its button shows the record on the map and its details.
        await picture.Row(strike).GetByRole(AriaRole.Button).ClickAsync();
        await Expect(picture.Details).ToContainTextAsync(strike);
        await Expect(picture.Details.GetByRole(AriaRole.Link, new() { Name = "Open the incident report" })).ToBeVisibleAsync();
        Assert.False(await picture.ScrollsSidewaysAsync(), "the map page scrolls sideways at 1280×720");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await picture.ScreenshotAsync("picture");

        // The time slider goes back, by keyboard: at its far end (the oldest record), the later reports are gone.
        const string later = "Pakistani workers shot dead near Saravan";
        await Expect(picture.Symbol(later)).ToBeVisibleAsync();
        var slider = picture.Filters.GetByLabel("Up to");
        await slider.FocusAsync();
        await page.Keyboard.PressAsync("Home");
        await Expect(picture.Symbol(later)).ToHaveCountAsync(0);
        await Expect(picture.Row(later)).ToHaveCountAsync(0);
        await picture.Filters.GetByRole(AriaRole.Button, new() { Name = "Reset filters" }).ClickAsync();
        await Expect(picture.Symbol(later)).ToBeVisibleAsync();

        await picture.FollowAsync("Timeline");
        var timeline = new TimelinePage(page, desk.Node.Address);
        await Expect(timeline.Entry(strike)).ToContainTextAsync("Cross-border strike");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "2024-01-16" })).ToBeVisibleAsync();
        Assert.False(await timeline.ScrollsSidewaysAsync(), "the timeline scrolls sideways at 1280×720");
        await timeline.ScreenshotAsync("timeline");

        // A tablet in portrait: still no sideways scrolling, and the map keeps a usable height.
        await page.SetViewportSizeAsync(820, 1180);
        await timeline.GoToAsync("picture");
        await picture.BaseLayerAsync();
        var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => !e.closest('.picture-map') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().right)).join(' | ')");
        Assert.False(await picture.ScrollsSidewaysAsync(), "the map page scrolls sideways on a tablet: " + wide);
        Assert.True((await picture.Map.BoundingBoxAsync())!.Height >= 300, "the map is too short on a tablet");
        await page.SetViewportSizeAsync(1280, 720);

        // Persian: the page reads right to left, the map's controls sit at the right, the map itself stays north-up.
        await picture.SwitchLanguageAsync("فارسی");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await picture.LiveAsync();
        await picture.BaseLayerAsync();
        var map = (await page.Locator(".picture-map").BoundingBoxAsync())!;
        var zoom = (await page.Locator(".leaflet-control-zoom").BoundingBoxAsync())!;
        Assert.True(zoom.X > map.X + map.Width / 2, "the zoom control is not on the reading-start (right) side in Persian");
        Assert.False(await picture.ScrollsSidewaysAsync(), "the Persian map page scrolls sideways");
        await page.Locator("table.picture-table tbody tr").Filter(new() { HasText = strike }).GetByRole(AriaRole.Button).ClickAsync();
        await Expect(page.Locator(".picture-details")).ToContainTextAsync(strike);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await picture.ScreenshotAsync("picture-fa");
        await picture.SwitchLanguageAsync("English");
    }
}
