using Microsoft.Playwright;

namespace Liaison.Browser.Tests.Pages;

/// <summary>The form that sends a request to a partner.</summary>
public sealed class RequestEditorPage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator To => Page.GetByRole(AriaRole.Combobox, new() { Name = "To", Exact = true });

    public ILocator Kind => Page.GetByRole(AriaRole.Combobox, new() { Name = "Kind", Exact = true });

    public ILocator Priority => Page.GetByRole(AriaRole.Combobox, new() { Name = "Priority", Exact = true });

    public ILocator Subject => Page.GetByRole(AriaRole.Textbox, new() { Name = "Subject", Exact = true });

    public ILocator Questions => Page.GetByRole(AriaRole.Textbox, new() { Name = "Questions", Exact = true });

    /// <summary>The due time, typed on the reader's own clock.</summary>
    public ILocator Due => Page.GetByLabel("Due");

    public ILocator DueHint => Page.Locator("#r-due-hint");

    public async Task SendAsync() => await Page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
}

/// <summary>One request: its questions, the response form on the addressee's desk, the answer, the timeline.</summary>
public sealed class RequestDetailPage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator Respond => Page.GetByRole(AriaRole.Region, new() { Name = "Respond to this request" });

    public ILocator Answer => Page.GetByRole(AriaRole.Region, new() { Name = "Answer", Exact = true });

    public ILocator Timeline => Page.GetByRole(AriaRole.Region, new() { Name = "Timeline" });

    /// <summary>The confirmation or outcome line at the top of the page.</summary>
    public ILocator Notice => Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Request sent." });

    public ILocator State(string name) => Page.Locator(".page-head .badges").GetByText(name, new() { Exact = true });

    public async Task AcknowledgeAsync() => await Respond.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();

    public async Task AnswerAsync(string text, string refs)
    {
        await Respond.GetByLabel("Answer", new() { Exact = true }).FillAsync(text);
        await Respond.GetByLabel("Records in the answer").FillAsync(refs);
        await Respond.GetByRole(AriaRole.Button, new() { Name = "Send answer" }).ClickAsync();
    }
}
