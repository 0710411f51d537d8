using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

[Collection(DeskCollection.Name)]
public sealed class SignInTests(DeskFixture desk)
{
    [Fact]
    public async Task FirstSignIn_ChangesThePasswordAndEnrolsTwoFactor_ThenEverySignInAsksForACode()
    {
        var oneTime = await desk.Node.AddUserAsync("second-admin", "Administrator", "Maj. Saima Baloch");
        const string password = "a border liaison passphrase";

        var page = await desk.NewPageAsync();
        var signIn = new SignInPage(page, desk.Node.Address);
        await signIn.OpenAsync();
        await new DeskPage(page, desk.Node.Address).ScreenshotAsync("sign-in");
        await signIn.SubmitPasswordAsync("second-admin", oneTime);
        await signIn.ChangePasswordAsync(oneTime, password);

        var key = await signIn.EnrolmentKeyAsync();
        await new DeskPage(page, desk.Node.Address).ScreenshotAsync("two-factor-enrol");
        await signIn.ConfirmEnrolmentAsync(desk.NextCode(key));

        var home = new DeskPage(page, desk.Node.Address);
        await Expect(home.Heading).ToHaveTextAsync("Home");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();

        await home.SignInAsync("second-admin", password, () => desk.NextCode(key));
        await Expect(home.Navigation.GetByRole(AriaRole.Link, new() { Name = "Users and roles" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "On duty now" })).ToContainTextAsync("TFT-MJV");
        await home.ScreenshotAsync("home");
    }

    [Fact]
    public async Task WrongCode_IsRefusedWithAMessage()
    {
        var page = await desk.NewPageAsync();
        var signIn = new SignInPage(page, desk.Node.Address);
        await signIn.OpenAsync();
        await signIn.SubmitPasswordAsync(desk.Node.Init.AdminUserName, desk.AdminPassword);
        await signIn.SubmitCodeAsync("000000");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("wrong");
    }
}
