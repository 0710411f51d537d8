using System.Net;
using System.Net.Http.Headers;
using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

[Collection(DeskCollection.Name)]
public sealed class AdministrationTests(DeskFixture desk)
{
    [Fact]
    public async Task Administrator_AddsAUser_AndSeesTheOneTimePasswordOnce()
    {
        var page = await desk.NewPageAsync();
        var admin = new DeskPage(page, desk.Node.Address);
        await admin.SignInAsync(desk.Node.Init.AdminUserName, desk.AdminPassword, () => desk.NextCode(desk.AdminKey));
        await admin.FollowAsync("Users and roles");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a user" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("k.akhtar");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Capt. Kamran Akhtar");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Analyst" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add user", Exact = true }).ClickAsync();

        var created = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "k.akhtar was added" });
        await Expect(created).ToBeVisibleAsync();
        var oneTime = await created.Locator("code").InnerTextAsync();
        Assert.Matches("^[a-z0-9]{5}(-[a-z0-9]{5}){3}$", oneTime);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "k.akhtar" })).ToContainTextAsync("Awaiting first sign-in");
        await admin.ScreenshotAsync("users-added");

        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(page.GetByText(oneTime)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ApiToken_IsShownOnce_WorksForScripts_AndStopsWhenRevoked()
    {
        var (officer, password) = await desk.NewUserAsync("LiaisonOfficer");
        var page = await desk.NewPageAsync();
        var tokens = new DeskPage(page, desk.Node.Address);
        await tokens.SignInAsync(officer, password);
        await tokens.FollowAsync("API tokens");

        await page.GetByLabel("Name").FillAsync("nightly export");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var issued = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "created" });
        var secret = await issued.Locator("code.secret-value").InnerTextAsync();
        Assert.StartsWith("lia_", secret, StringComparison.Ordinal);
        await tokens.ScreenshotAsync("tokens-issued");

        using var script = new HttpClient { BaseAddress = desk.Node.Address };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/node")).StatusCode);

        await page.GetByRole(AriaRole.Button, new() { Name = "I have stored it" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke token nightly export" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Alertdialog);
        await Expect(confirm).ToContainTextAsync("stop working at once");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "nightly export" })).ToContainTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/node")).StatusCode);
    }
}
