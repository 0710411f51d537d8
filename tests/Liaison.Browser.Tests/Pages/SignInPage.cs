using Microsoft.Playwright;

namespace Liaison.Browser.Tests.Pages;

/// <summary>The account pages: sign-in, second factor, first password change and two-factor enrolment.</summary>
public sealed class SignInPage(IPage page, Uri node)
{
    public IPage Page => page;

    public async Task OpenAsync() => await page.GotoAsync(new Uri(node, "account/sign-in").ToString());

    public async Task SubmitPasswordAsync(string userName, string password)
    {
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async Task SubmitCodeAsync(string code)
    {
        await page.GetByRole(AriaRole.Heading, new() { Name = "Authenticator code" }).WaitForAsync();
        await page.GetByLabel("6-digit code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }

    public async Task ChangePasswordAsync(string current, string next)
    {
        await page.GetByRole(AriaRole.Heading, new() { Name = "Change password" }).WaitForAsync();
        await page.GetByLabel("Current password").FillAsync(current);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(next);
        await page.GetByLabel("New password again").FillAsync(next);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
    }

    /// <summary>The key the enrolment page shows beside the QR code, as typed into an app (without the spaces).</summary>
    public async Task<string> EnrolmentKeyAsync()
    {
        await page.GetByRole(AriaRole.Heading, new() { Name = "Set up two-factor sign-in" }).WaitForAsync();
        return (await page.Locator("code.key").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal).Trim();
    }

    public async Task ConfirmEnrolmentAsync(string code)
    {
        await page.GetByLabel("6-digit code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
    }
}
