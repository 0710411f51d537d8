using Liaison.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Liaison.Browser.Tests.Pages;

/// <summary>Any page of the desk: the navigation, the language switch, and what every page must do (fit, be live).</summary>
public class DeskPage(IPage page, Uri node)
{
    public IPage Page => page;

    public Uri Node => node;

    public ILocator Navigation => page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });

    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    /// <summary>
    /// Opens <paramref name="path"/>. Inside a live desk this goes through the router, as a link click does
    /// (no new connection); otherwise it is a full page load.
    /// </summary>
    public async Task GoToAsync(string path)
    {
        var url = new Uri(node, path).ToString();
        if (await page.Locator(".shell[data-live='true']").CountAsync() > 0)
        {
            await page.EvaluateAsync("url => Blazor.navigateTo(url)", url);
            await page.WaitForURLAsync(url);
        }
        else
        {
            await page.GotoAsync(url);
        }

        await LiveAsync();
    }

    /// <summary>Waits until the page's live connection is up: before that, prerendered buttons do nothing.</summary>
    public async Task LiveAsync() => await page.Locator(".shell[data-live='true']").WaitForAsync();

    public async Task FollowAsync(string link)
    {
        await Navigation.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = link }).WaitForAsync();
    }

    /// <summary>Signs in through the account pages; a second factor is entered when the account has one.</summary>
    public async Task SignInAsync(string userName, string password, Func<string>? code = null)
    {
        var signIn = new SignInPage(page, node);
        await signIn.OpenAsync();
        await signIn.SubmitPasswordAsync(userName, password);
        if (code is not null)
        {
            await signIn.SubmitCodeAsync(code());
        }

        await page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Home" }).WaitForAsync();
        await LiveAsync();
    }

    public async Task SwitchLanguageAsync(string nativeName)
    {
        // Each language is named in its own script, so this works whatever the page's language is now.
        await page.GetByRole(AriaRole.Link, new() { Name = nativeName, Exact = true }).ClickAsync();
    }

    public async Task<string?> DirectionAsync() => await page.Locator("html").GetAttributeAsync("dir");

    /// <summary>True when the page is wider than the window, so a person would have to scroll sideways.</summary>
    public async Task<bool> ScrollsSidewaysAsync() =>
        await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1");

    /// <summary>Saves what the window shows to docs/screenshots/<paramref name="name"/>.png, replacing the old one.</summary>
    public async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(DeskFixture.ScreenshotFolder);
        // The caret and the focus ring of whatever was last clicked say nothing about the page.
        await page.EvaluateAsync("() => document.activeElement instanceof HTMLElement && document.activeElement.blur()");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DeskFixture.ScreenshotFolder, name + ".png"), Animations = ScreenshotAnimations.Disabled });
    }
}
