using Microsoft.Playwright;

namespace Liaison.Browser.Tests.Pages;

/// <summary>The incident list with its filters.</summary>
public sealed class IncidentListPage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator Results => Page.GetByRole(AriaRole.Table);

    public async Task SearchAsync(string text)
    {
        await Page.GetByLabel("Search text").FillAsync(text);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
    }

    public ILocator Row(string title) => Results.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = title }) });

    public async Task NewReportAsync()
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = "New incident report" }).ClickAsync();
        await Page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "New incident report" }).WaitForAsync();
    }
}

/// <summary>The incident editor (new report, draft, revision).</summary>
public sealed class IncidentEditorPage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator Title => Page.GetByLabel("Title");

    public ILocator Category => Page.GetByLabel("Category");

    public ILocator Sector => Page.GetByLabel("Sector");

    public ILocator PlaceName => Page.GetByLabel("Place, as reported");

    public ILocator ErrorSummary => Page.GetByRole(AriaRole.Alert);

    public ILocator Casualty(string group, string what) => Page.GetByLabel($"{group}, {what}");

    public async Task SaveDraftAsync() => await Page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

    public async Task SaveAndPublishAsync() => await Page.GetByRole(AriaRole.Button, new() { Name = "Save and publish" }).ClickAsync();
}

/// <summary>One report: its content, actions and version history.</summary>
public sealed class IncidentDetailPage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator Status => Page.Locator(".page-head .badges .badge").First;

    public ILocator History => Page.GetByRole(AriaRole.Region, new() { Name = "Version history" });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator Confirmation => Page.GetByRole(AriaRole.Alertdialog);
}
