using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Liaison.Features.Requests;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

/// <summary>A request written on A's desk, acknowledged and answered on B's, seen answered on A — no reload anywhere.</summary>
[Collection(TwoDeskCollection.Name)]
public sealed class RequestTests(TwoDeskFixture desks)
{
    [Fact]
    public async Task Request_SentOnA_AnsweredOnBWithAReference_ShowsAnsweredOnA()
    {
        var (officerA, passwordA) = await desks.NewUserAsync(desks.A, "LiaisonOfficer");
        var keyA = await desks.A.EnableTwoFactorAsync(officerA);
        var (officerB, passwordB) = await desks.NewUserAsync(desks.B, "LiaisonOfficer");
        // A record B holds and A can open: an alert B has shared with A.
        var reference = await SharedRecordOnBAsync();

        var pageA = await TwoDeskFixture.NewPageAsync(desks.BrowserA);
        var editor = new RequestEditorPage(pageA, desks.A.Address);
        await editor.SignInAsync(officerA, passwordA, () => desks.NextCode(desks.A, keyA));
        await editor.FollowAsync("Requests");
        await pageA.GetByRole(AriaRole.Link, new() { Name = "New request" }).ClickAsync();
        await Expect(editor.Heading).ToHaveTextAsync("New request for information or assistance");
        await editor.LiveAsync();
        if (await editor.ScrollsSidewaysAsync())
        {
            Assert.Fail("the request form scrolls sideways at 1280×720");
        }

        const string subject = "Two pickups seen at the Mirjaveh crossing on 27 November";
        await editor.To.SelectOptionAsync(new SelectOptionValue { Label = "Iran border desk (browser test)" });
        await editor.Priority.SelectOptionAsync(new SelectOptionValue { Value = "immediate" });
        await editor.Subject.FillAsync(subject);
        await editor.Questions.FillAsync("Were the two pickups stopped on your side?\nWho commands post 14 tonight?");
        await editor.SendAsync();

        var detailA = new RequestDetailPage(pageA, desks.A.Address);
        await Expect(detailA.Heading).ToHaveTextAsync(subject);
        await Expect(pageA.GetByRole(AriaRole.Status)).ToContainTextAsync("Request sent.");
        var requestId = new Uri(pageA.Url).AbsolutePath.Split('/')[^1];

        var pageB = await TwoDeskFixture.NewPageAsync(desks.BrowserB);
        var detailB = new RequestDetailPage(pageB, desks.B.Address);
        await detailB.SignInAsync(officerB, passwordB);
        await Expect(pageB.GetByRole(AriaRole.Region, new() { Name = "Needs you now" }).GetByRole(AriaRole.Link, new() { Name = subject })).ToBeVisibleAsync();
        await detailB.GoToAsync("requests?direction=in");
        await pageB.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
        await Expect(detailB.Heading).ToHaveTextAsync(subject);
        await detailB.LiveAsync();
        await Expect(pageB.GetByText("Who commands post 14 tonight?")).ToBeVisibleAsync();

        await detailB.AcknowledgeAsync();
        await Expect(pageB.GetByRole(AriaRole.Status)).ToContainTextAsync("Acknowledged");
        await Expect(detailA.State("Acknowledged")).ToBeVisibleAsync();

        await detailB.AnswerAsync("Both stopped and searched at 16:40; nothing found. See our alert.", reference);
        await Expect(pageB.GetByRole(AriaRole.Status)).ToContainTextAsync("Answer sent.");
        await Expect(detailB.Respond).ToHaveCountAsync(0);

        // On A, without a reload: answered, on time, with the reference as a link to the record A holds.
        await Expect(detailA.State("Answered")).ToBeVisibleAsync();
        await Expect(detailA.Answer).ToContainTextAsync("nothing found");
        await Expect(detailA.Answer).ToContainTextAsync("on time");
        await Expect(detailA.Answer.GetByRole(AriaRole.Link, new() { Name = reference })).ToHaveAttributeAsync("href", $"alerts/{reference}");
        await Expect(detailA.Timeline).ToContainTextAsync("Answered");
        Assert.False(await detailA.ScrollsSidewaysAsync());
        await detailA.ScreenshotAsync("request-detail");

        await detailA.GoToAsync("requests");
        await Expect(detailA.Heading).ToHaveTextAsync("Requests");
        await Expect(pageA.GetByRole(AriaRole.Row).Filter(new() { HasText = subject })).ToContainTextAsync("Answered");
        Assert.False(await detailA.ScrollsSidewaysAsync());
        await detailA.ScreenshotAsync("requests");

        using var scope = desks.A.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var request = await db.Set<PartyRequest>().AsNoTracking().SingleAsync(r => r.StixId == requestId);
        Assert.Equal(RequestOutcome.Answered, request.Outcome);
        Assert.Equal([reference], request.AnswerRefs);
    }

    /// <summary>Raises a ROUTINE alert on B to A through the feature's own use case, and waits until A holds it.</summary>
    private async Task<string> SharedRecordOnBAsync()
    {
        using var scope = desks.B.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new(System.Security.Claims.ClaimTypes.Name, "officer-b"), new(System.Security.Claims.ClaimTypes.Role, "LiaisonOfficer")], "test"));
        var input = new Liaison.Features.Alerts.AlertInput
        {
            Precedence = "routine",
            Title = "Pickups searched at Mirjaveh",
            Area = System.Text.Json.JsonSerializer.SerializeToElement(new { type = "Circle", latitude = 29.0, longitude = 61.45, radius = 2000 }),
            ValidUntil = desks.B.Time.GetUtcNow().AddHours(12).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        var result = await Liaison.Features.Alerts.RaiseAlert.HandleAsync(input, db, desks.B.Time, desks.B.Services.GetRequiredService<Liaison.Live.DeskEvents>(), user, CancellationToken.None);
        var id = Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.Created<Liaison.Features.Alerts.AlertView>>(result.Result).Value!.Id;
        await TwoDeskFixture.EventuallyAsync(async () =>
        {
            using var scopeA = desks.A.Services.CreateScope();
            return await scopeA.ServiceProvider.GetRequiredService<LiaisonDbContext>().Set<Liaison.Features.Alerts.Alert>().AnyAsync(a => a.StixId == id);
        }, "A holds B's alert");
        return id;
    }
}
