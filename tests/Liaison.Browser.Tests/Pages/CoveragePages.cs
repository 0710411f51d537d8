using Microsoft.Playwright;

namespace Liaison.Browser.Tests.Pages;

/// <summary>The administrator's partner list and its acknowledgement-window editor.</summary>
public sealed class PartnersPage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator Row(string party) => Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader).Filter(new() { HasText = party }) });

    public ILocator AckWindows(string party) => Page.GetByRole(AriaRole.Region, new() { Name = $"Acknowledgement windows agreed with {party}" });

    public async Task OpenAckWindowsAsync(string party) =>
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Edit the acknowledgement windows of {party}" }).ClickAsync();

    /// <summary>Sets one precedence's window; an empty <paramref name="value"/> leaves it at its default.</summary>
    public async Task SetWindowAsync(string party, string precedence, string value, string unit)
    {
        var editor = AckWindows(party);
        await editor.GetByRole(AriaRole.Spinbutton, new() { Name = $"{precedence} window" }).FillAsync(value);
        await editor.GetByRole(AriaRole.Combobox, new() { Name = $"Unit for {precedence}" }).SelectOptionAsync(new SelectOptionValue { Label = unit });
    }

    public async Task SaveWindowsAsync(string party) => await AckWindows(party).GetByRole(AriaRole.Button, new() { Name = "Save windows" }).ClickAsync();
}

/// <summary>Raising an alert from a CAP 1.2 document: choose or paste, check, see the alert, raise.</summary>
public sealed class CapImportPage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator File => Page.GetByLabel("CAP 1.2 file");

    public ILocator Text => Page.GetByLabel("Or paste the CAP document");

    public ILocator Problems => Page.GetByRole(AriaRole.Alert);

    public ILocator Preview => Page.GetByRole(AriaRole.Region, new() { Name = "The alert this document raises" });

    public async Task ChooseAsync(string fileName, string document) =>
        await File.SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(document) });

    public async Task CheckAsync() => await Page.GetByRole(AriaRole.Button, new() { Name = "Check document" }).ClickAsync();

    public async Task RaiseAsync() => await Preview.GetByRole(AriaRole.Button, new() { Name = "Raise this alert" }).ClickAsync();
}

/// <summary>The figures page: time to acknowledge, overdue alerts, requests per partner, downloads.</summary>
public sealed class FiguresPage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator Table(string caption) => Page.GetByRole(AriaRole.Table, new() { Name = caption });

    public ILocator Row(string caption, string group) =>
        Table(caption).GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader).Filter(new() { HasText = group }) });

    public ILocator Period => Page.GetByLabel("Period");
}

/// <summary>Loading sectors or posts from a GeoJSON file.</summary>
public sealed class GeoJsonImportPage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator Problems => Page.GetByRole(AriaRole.Alert);

    public ILocator Confirm => Page.GetByRole(AriaRole.Alertdialog);

    public async Task ChooseAsync(string kind, string fileName, string json)
    {
        await Page.GetByRole(AriaRole.Radio, new() { Name = kind }).CheckAsync();
        await Page.GetByLabel("GeoJSON file").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/geo+json", Buffer = System.Text.Encoding.UTF8.GetBytes(json) });
        await Page.GetByRole(AriaRole.Status).Filter(new() { HasText = fileName }).WaitForAsync();
    }

    public async Task ImportAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).First.ClickAsync();
        await Confirm.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
    }
}
