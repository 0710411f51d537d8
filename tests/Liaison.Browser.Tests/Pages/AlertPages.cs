using Microsoft.Playwright;

namespace Liaison.Browser.Tests.Pages;

/// <summary>The form that raises (or updates) an alert.</summary>
public sealed class AlertEditorPage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator Precedence => Page.GetByLabel("Precedence");

    public ILocator Title => Page.GetByRole(AriaRole.Textbox, new() { Name = "Title", Exact = true });

    public ILocator Description => Page.GetByLabel("Threat description");

    public ILocator AreaShape => Page.GetByLabel("Area shape");

    public ILocator Latitude => Page.GetByLabel("Latitude");

    public ILocator Longitude => Page.GetByLabel("Longitude");

    public ILocator Radius => Page.GetByLabel("Radius (metres)");

    public ILocator Recipient(string party) => Page.GetByRole(AriaRole.Group, new() { Name = "Recipients" }).GetByLabel(party);

    public async Task RaiseAsync() => await Page.GetByRole(AriaRole.Button, new() { Name = "Raise and send" }).ClickAsync();
}

/// <summary>One alert: its recipients' states, the acknowledgement form, the originator's actions, the timeline.</summary>
public sealed class AlertDetailPage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator Recipients => Page.GetByRole(AriaRole.Table).Filter(new() { HasText = "Deadline" });

    public ILocator RecipientRow(string party) => Recipients.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader, new() { Name = party }) });

    public ILocator Acknowledgement => Page.GetByRole(AriaRole.Region, new() { Name = "Acknowledge" });

    public ILocator Timeline => Page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });

    public async Task AcknowledgeAsync(string response, string actionTaken)
    {
        await Acknowledgement.GetByLabel("Response").FillAsync(response);
        await Acknowledgement.GetByLabel("Action taken").FillAsync(actionTaken);
        await Acknowledgement.GetByRole(AriaRole.Button, new() { Name = "Acknowledge alert" }).ClickAsync();
    }
}

/// <summary>The FLASH banner every desk page of the receiving party carries while a FLASH alert waits.</summary>
public sealed class FlashBannerPart(IPage page)
{
    public ILocator Banner => page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "FLASH" });

    public ILocator Acknowledge(string title) => Banner.GetByRole(AriaRole.Link, new() { Name = $"Acknowledge: {title}" });

    public ILocator Mute => Banner.GetByRole(AriaRole.Button, new() { Name = "Mute tone" });
}
