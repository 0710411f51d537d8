using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

/// <summary>The liaison channel across two paired desks: a thread arrives live, and opening it sends a read receipt back.</summary>
[Collection(TwoDeskCollection.Name)]
public sealed class ChannelTests(TwoDeskFixture desks)
{
    [Fact]
    public async Task Thread_StartedOnA_ArrivesOnB_AndAShowsItRead()
    {
        var (officerA, passwordA) = await desks.NewUserAsync(desks.A, "LiaisonOfficer");
        var (officerB, passwordB) = await desks.NewUserAsync(desks.B, "LiaisonOfficer");
        var pageB = await TwoDeskFixture.NewPageAsync(desks.BrowserB);
        var deskB = new DeskPage(pageB, desks.B.Address);
        await deskB.SignInAsync(officerB, passwordB);
        await deskB.FollowAsync("Liaison channel");

        var pageA = await TwoDeskFixture.NewPageAsync(desks.BrowserA);
        var deskA = new DeskPage(pageA, desks.A.Address);
        await deskA.SignInAsync(officerA, passwordA);
        await deskA.FollowAsync("Liaison channel");
        const string subject = "Joint patrol timings for Friday";
        await pageA.GetByRole(AriaRole.Textbox, new() { Name = "Subject", Exact = true }).FillAsync(subject);
        await pageA.GetByLabel("Priority").SelectOptionAsync(new SelectOptionValue { Value = "urgent" });
        await pageA.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FillAsync("Can your patrol meet ours at pillar 181 at 06:00?");
        await pageA.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(deskA.Heading).ToHaveTextAsync(subject);

        // B's open list shows the thread without a reload; opening it tells A it was read.
        var link = pageB.GetByRole(AriaRole.Link, new() { Name = subject });
        await Expect(link).ToBeVisibleAsync();
        await link.ClickAsync();
        await Expect(deskB.Heading).ToHaveTextAsync(subject);
        await Expect(pageB.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("pillar 181");
        await Expect(pageA.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("read by");

        await pageB.GetByRole(AriaRole.Textbox, new() { Name = "Message", Exact = true }).FillAsync("Agreed. Pillar 181 at 06:00.");
        await pageB.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(pageA.GetByRole(AriaRole.List, new() { Name = "Messages" })).ToContainTextAsync("Agreed. Pillar 181");
        Assert.False(await deskA.ScrollsSidewaysAsync());
        await deskA.ScreenshotAsync("channel");
    }
}
