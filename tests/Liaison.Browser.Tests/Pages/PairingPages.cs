using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Liaison.Browser.Tests.Pages;

/// <summary>The partners page with its "Pair with a partner" form: address, fingerprint, plain-http consent, steps and outcome.</summary>
public sealed class PairPartnerPage(IPage page, Uri node) : DeskPage(page, node)
{
    public ILocator Form => Page.GetByRole(AriaRole.Region, new() { Name = "Pair with a partner node" });

    public ILocator Url => Form.GetByRole(AriaRole.Textbox, new() { Name = "Partner node address" });

    public ILocator Fingerprint => Form.GetByRole(AriaRole.Textbox, new() { Name = "Partner's key fingerprint" });

    public ILocator AllowPlainHttp => Form.GetByRole(AriaRole.Checkbox, new() { Name = "Allow plain http to an address that is not loopback" });

    public ILocator Problem => Form.GetByRole(AriaRole.Alert);

    public ILocator Steps => Form.GetByRole(AriaRole.Log, new() { Name = "Steps" });

    public ILocator Outcome => Form.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new Regex(" is (pinned|paired)") });

    public ILocator Row(string party) => Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Rowheader).Filter(new() { HasText = party }) });

    public async Task OpenFormAsync(string button = "Pair with a partner") => await Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

    public async Task PairAsync(Uri url, string fingerprint)
    {
        await Url.FillAsync(url.ToString());
        await Fingerprint.FillAsync(fingerprint);
        await Form.GetByRole(AriaRole.Button, new() { Name = "Check and pair" }).ClickAsync();
    }

    public async Task RefreshAsync() => await Page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
}
