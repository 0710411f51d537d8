using System.Globalization;
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
        await Expect(detailA.Notice).ToBeVisibleAsync();
        var requestId = new Uri(pageA.Url).AbsolutePath.Split('/')[^1];
        // The confirmation belongs to the redirect: its marker leaves the address at once, so a reload or a
        // bookmark never shows it again, while the message itself stays for the person who just sent.
        await pageA.WaitForURLAsync(url => !url.Contains("done=", StringComparison.Ordinal));
        await Expect(detailA.Notice).ToBeVisibleAsync();

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
        // The partner has moved the request on: "Request sent." is old news and goes with the live refresh.
        await Expect(detailA.Notice).ToHaveCountAsync(0);

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

        // The same pages in Persian, right to left.
        await detailA.SwitchLanguageAsync("فارسی");
        await Expect(pageA.Locator("html")).ToHaveAttributeAsync("dir", "rtl");
        await detailA.LiveAsync();
        await Expect(pageA.GetByRole(AriaRole.Row).Filter(new() { HasText = subject })).ToBeVisibleAsync();
        Assert.False(await detailA.ScrollsSidewaysAsync());
        await detailA.ScreenshotAsync("requests-fa");
        await pageA.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
        await Expect(detailA.Heading).ToHaveTextAsync(subject);
        await detailA.LiveAsync();
        await Expect(pageA.GetByText("Both stopped and searched at 16:40")).ToBeVisibleAsync();
        Assert.False(await detailA.ScrollsSidewaysAsync());
        await detailA.ScreenshotAsync("request-detail-fa");

        using var scope = desks.A.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var request = await db.Set<PartyRequest>().AsNoTracking().SingleAsync(r => r.StixId == requestId);
        Assert.Equal(RequestOutcome.Answered, request.Outcome);
        Assert.Equal([reference], request.AnswerRefs);
    }

    /// <summary>
    /// An officer in Karachi types the due time on their own clock; the node stores the UTC instant five hours
    /// earlier, and the desk shows it back in Karachi time with its offset.
    /// </summary>
    [Fact]
    public async Task Request_DueTypedOnAKarachiClock_IsStoredAsUtc_AndShownInKarachiTime()
    {
        var (officer, password) = await desks.NewUserAsync(desks.A, "LiaisonOfficer");
        await PreferZoneAsync(desks.A, officer, "Asia/Karachi");
        var karachi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Karachi");

        var page = await TwoDeskFixture.NewPageAsync(desks.BrowserA);
        var editor = new RequestEditorPage(page, desks.A.Address);
        await editor.SignInAsync(officer, password);
        await editor.GoToAsync("requests/new");
        await Expect(editor.Heading).ToHaveTextAsync("New request for information or assistance");
        await Expect(editor.DueHint).ToHaveTextAsync("Date and time on your clock: Asia/Karachi, UTC+05:00.");
        // The form offers a day from now, on the Karachi clock.
        var now = desks.A.Time.GetUtcNow().UtcDateTime;
        await Expect(editor.Due).ToHaveValueAsync(TimeZoneInfo.ConvertTimeFromUtc(now.AddHours(24), karachi).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));

        // 09:30 in Karachi the day after tomorrow is 04:30 UTC.
        var dueLocal = TimeZoneInfo.ConvertTimeFromUtc(now, karachi).Date.AddDays(2).AddHours(9).AddMinutes(30);
        var dueUtc = TimeZoneInfo.ConvertTimeToUtc(dueLocal, karachi);
        Assert.Equal(new TimeSpan(4, 30, 0), dueUtc.TimeOfDay);
        var subject = $"Fuel convoy expected at Taftan (Karachi clock {Guid.NewGuid():N})"[..60];
        await editor.To.SelectOptionAsync(new SelectOptionValue { Label = "Iran border desk (browser test)" });
        await editor.Subject.FillAsync(subject);
        await editor.Questions.FillAsync("When does the convoy reach the zero point?");
        await editor.Due.FillAsync(dueLocal.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await editor.SendAsync();

        var detail = new RequestDetailPage(page, desks.A.Address);
        await Expect(detail.Heading).ToHaveTextAsync(subject);
        await detail.LiveAsync();
        var due = page.Locator($"dd time[datetime='{dueUtc:yyyy-MM-dd'T'HH:mm}Z']");
        await Expect(due).ToHaveTextAsync($"{dueLocal:yyyy-MM-dd} 09:30 UTC+05:00");

        var requestId = new Uri(page.Url).AbsolutePath.Split('/')[^1];
        using (var scope = desks.A.Services.CreateScope())
        {
            var stored = await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Set<PartyRequest>().AsNoTracking().SingleAsync(r => r.StixId == requestId);
            Assert.Equal(dueUtc, stored.Due);
            Assert.Equal(DateTimeKind.Utc, stored.Due.Kind);
        }

        // B acknowledges through its own use case. A's page reloads live on a signal raised by the exchange, on
        // another thread than this reader's, and still writes Karachi time.
        await TwoDeskFixture.EventuallyAsync(async () =>
        {
            using var scopeB = desks.B.Services.CreateScope();
            return await scopeB.ServiceProvider.GetRequiredService<LiaisonDbContext>().Set<PartyRequest>().AnyAsync(r => r.StixId == requestId);
        }, "B holds the request");
        using (var scopeB = desks.B.Services.CreateScope())
        {
            var officerB = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new(System.Security.Claims.ClaimTypes.Name, "officer-b"), new(System.Security.Claims.ClaimTypes.Role, "LiaisonOfficer")], "test"));
            var acknowledged = await AcknowledgeRequest.HandleAsync(requestId, new AcknowledgeRequest.Request("Officer B"),
                scopeB.ServiceProvider.GetRequiredService<LiaisonDbContext>(), desks.B.Time, desks.B.Services.GetRequiredService<Liaison.Live.DeskEvents>(), officerB, CancellationToken.None);
            Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.Ok<RequestView>>(acknowledged.Result);
        }

        await Expect(detail.State("Acknowledged")).ToBeVisibleAsync();
        await Expect(due).ToHaveTextAsync($"{dueLocal:yyyy-MM-dd} 09:30 UTC+05:00");
    }

    private static async Task PreferZoneAsync(DeskNode node, string userName, string zone)
    {
        string id;
        using (var scope = node.Services.CreateScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        }

        var saved = await node.Services.GetRequiredService<Liaison.Accounts.PreferenceStore>().SaveAsync(id, null, zone, null);
        Assert.True(saved.IsValid);
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
