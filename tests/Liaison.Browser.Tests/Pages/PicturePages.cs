using Microsoft.Playwright;

namespace Liaison.Browser.Tests.Pages;

/// <summary>The situational picture: filters, the map, the details of what was clicked, and the table beside it.</summary>
public sealed class PicturePage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator Map => Page.GetByRole(AriaRole.Region, new() { Name = "Map", Exact = true });

    public ILocator Filters => Page.GetByRole(AriaRole.Search, new() { Name = "Map and timeline filters" });

    public ILocator Details => Page.GetByRole(AriaRole.Complementary, new() { Name = "Details" });

    public ILocator Table => Page.GetByRole(AriaRole.Region, new() { Name = "Records on the map" }).GetByRole(AriaRole.Table);

    /// <summary>A symbol on the map: markers are buttons named by their record's title.</summary>
    public ILocator Symbol(string title) => Map.GetByRole(AriaRole.Button, new() { Name = title, Exact = true });

    public ILocator Row(string title) => Table.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = title }) });

    /// <summary>Opens the map from the navigation ("Map"; the page's heading is longer).</summary>
    public async Task OpenAsync()
    {
        await Navigation.GetByRole(AriaRole.Link, new() { Name = "Map", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Situational picture" }).WaitForAsync();
    }

    /// <summary>Waits until the offline base layer (Natural Earth borders) has been drawn.</summary>
    public async Task BaseLayerAsync() => await Page.Locator(".picture-map[data-base-layer='ready']").WaitForAsync();
}

/// <summary>The timeline of the same records, grouped by day.</summary>
public sealed class TimelinePage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator Entry(string title) => Page.GetByRole(AriaRole.Listitem).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = title }) });
}
