using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Liaison.Features.Alerts;
using Liaison.Features.Officers;
using Liaison.Features.Sectors;
using Liaison.Http;
using Liaison.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

/// <summary>
/// Issue 5 item 2 and issue 6 item 2 across two paired desks: B's roster reaches A over the exchange; an
/// administrator on A sets B's hotline; when B lets an alert from A go overdue, A's alert page puts B's on-duty
/// officers for the alert's sector, and the hotline, first; A's duty page shows both sides.
/// </summary>
[Collection(TwoDeskCollection.Name)]
public sealed class RosterContactsTests(TwoDeskFixture desks)
{
    private const string PartnerB = "Iran border desk (browser test)";

    [Fact]
    public async Task OverdueAlertOnA_ShowsBsOnDutyContactAndHotline_AndTheDutyPageShowsBothSides()
    {
        var now = desks.A.Time.GetUtcNow().UtcDateTime;
        foreach (var desk in new[] { desks.A, desks.B })
        {
            await WithDbAsync(desk, db => AddSectorsAsync(db, now));
        }

        await WithDbAsync(desks.B, async db =>
        {
            await OnDutyAsync(db, desks.B.Time, "Reza Karimi", "Captain (Sarvan)", "MSK-JLQ", "+98-000-0201-00", "IRBG MSK-JLQ net 1", "duty-officer", now);
            await OnDutyAsync(db, desks.B.Time, "Hamid Sarani", "Major (Sargord)", "MSK-JLQ", "+98-000-0203-00", "IRBG MSK-JLQ net 2", "supervisor", now);
            await OnDutyAsync(db, desks.B.Time, "Mehdi Ahmadi", "Captain (Sarvan)", "TFT-MJV", "+98-000-0101-00", "IRBG TFT-MJV net 1", "duty-officer", now);
        });
        await WithDbAsync(desks.A, async db =>
        {
            await OnDutyAsync(db, desks.A.Time, "Naveed Iqbal", "Captain", "MSK-JLQ", "+92-000-0201-00", "FC MSK-JLQ net 1", "duty-officer", now);
            await OnDutyAsync(db, desks.A.Time, "Kamran Akhtar", "Captain", "TFT-MJV", "+92-000-0101-00", "FC TFT-MJV net 1", "duty-officer", now);
        });
        await TwoDeskFixture.EventuallyAsync(
            async () => await WithDbAsync(desks.A, db => db.DutyShifts.CountAsync(s => s.StixId != null)) == 3,
            "B's three shifts reach A");

        // An administrator on A records B's hotline, as agreed by phone.
        var (admin, adminPassword) = await desks.NewUserAsync(desks.A, "Administrator");
        var adminKey = await desks.A.EnableTwoFactorAsync(admin);
        var adminPage = new DeskPage(await TwoDeskFixture.NewPageAsync(desks.BrowserA), desks.A.Address);
        await adminPage.SignInAsync(admin, adminPassword, () => desks.NextCode(desks.A, adminKey));
        await adminPage.GoToAsync("admin/partners");
        await adminPage.Page.GetByRole(AriaRole.Button, new() { Name = $"Edit the hotline numbers of {PartnerB}" }).ClickAsync();
        var editor = adminPage.Page.GetByRole(AriaRole.Region, new() { Name = $"Hotline numbers of {PartnerB}" });
        await editor.GetByLabel("Label, line 1").FillAsync("Zahedan border liaison desk, 24 h");
        await editor.GetByLabel("Number, line 1").FillAsync("not a number");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save hotlines" }).ClickAsync();
        await Expect(editor).ToContainTextAsync("Must be a phone number");
        await editor.GetByLabel("Number, line 1").FillAsync("+98-000-0000-01");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Save hotlines" }).ClickAsync();
        await Expect(adminPage.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = "saved" })).ToContainTextAsync($"Hotline numbers of {PartnerB} saved.");
        await Expect(adminPage.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = PartnerB })).ToContainTextAsync("+98-000-0000-01");

        // A FLASH alert for the Mashkel–Jalq sector that B does not acknowledge within its five minutes.
        var (officer, password) = await desks.NewUserAsync(desks.A, "LiaisonOfficer");
        var key = await desks.A.EnableTwoFactorAsync(officer);
        var alertId = await RaiseOnAAsync(officer, "Armed men crossing near Mashkel");
        desks.Advance(TimeSpan.FromMinutes(6));
        await WithDbAsync(desks.A, async db =>
        {
            using var scope = desks.A.Services.CreateScope();
            var work = scope.ServiceProvider.GetServices<Liaison.Timers.IDueWork>().OfType<AlertDeadlines>().Single();
            return await work.RunDueAsync(db, desks.A.Time.GetUtcNow().UtcDateTime, default);
        });

        var page = await TwoDeskFixture.NewPageAsync(desks.BrowserA);
        var detail = new AlertDetailPage(page, desks.A.Address);
        await detail.SignInAsync(officer, password, () => desks.NextCode(desks.A, key));
        await detail.GoToAsync($"alerts/{alertId}");
        var call = page.GetByRole(AriaRole.Region, new() { Name = $"Call {PartnerB} now" });
        await Expect(call).ToBeVisibleAsync();
        await Expect(call.GetByRole(AriaRole.Heading, new() { Level = 3 }).First).ToContainTextAsync("Mashkel–Jalq");
        await Expect(call.GetByRole(AriaRole.Heading, new() { Level = 3 }).First).ToContainTextAsync("Alert sector");
        var firstLadder = call.Locator(".sector-ladder").First;
        await Expect(firstLadder).ToContainTextAsync("Reza Karimi");
        await Expect(firstLadder).ToContainTextAsync("Hamid Sarani");
        await Expect(firstLadder.GetByRole(AriaRole.Link, new() { Name = "+98-000-0201-00" })).ToHaveAttributeAsync("href", "tel:+98-000-0201-00");
        await Expect(call.GetByRole(AriaRole.Link, new() { Name = "+98-000-0000-01" })).ToHaveAttributeAsync("href", "tel:+98-000-0000-01");
        // The other sector is folded away, and A's own officers are not among B's contacts.
        await Expect(call.Locator("details.other-sectors summary")).ToHaveTextAsync("Other sectors (1)");
        await Expect(call).Not.ToContainTextAsync("Naveed Iqbal");
        Assert.True(await call.EvaluateAsync<bool>("e => e.getBoundingClientRect().top < window.innerHeight"), "the contacts are on the first screen");
        Assert.False(await detail.ScrollsSidewaysAsync());
        await detail.ScreenshotAsync("alert-overdue-contacts");

        await detail.GoToAsync("duty");
        var mashkel = page.GetByRole(AriaRole.Region, new() { Name = "Mashkel–Jalq MSK-JLQ" });
        await Expect(mashkel.GetByRole(AriaRole.Group, new() { Name = "Mashkel–Jalq: Pakistan border desk (browser test)" })).ToContainTextAsync("Naveed Iqbal");
        var theirs = mashkel.GetByRole(AriaRole.Group, new() { Name = $"Mashkel–Jalq: {PartnerB}" });
        await Expect(theirs).ToContainTextAsync("Reza Karimi");
        await Expect(theirs).ToContainTextAsync("+98-000-0201-00");
        await Expect(theirs).ToContainTextAsync("read-only");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Partner hotlines" })).ToContainTextAsync("+98-000-0000-01");
        Assert.False(await detail.ScrollsSidewaysAsync());
        await detail.ScreenshotAsync("duty-both-sides");
    }

    private static async Task<T> WithDbAsync<T>(DeskNode node, Func<LiaisonDbContext, Task<T>> work)
    {
        using var scope = node.Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>());
    }

    private static Task WithDbAsync(DeskNode node, Func<LiaisonDbContext, Task> work) => WithDbAsync(node, async db =>
    {
        await work(db);
        return true;
    });

    private static async Task AddSectorsAsync(LiaisonDbContext db, DateTime now)
    {
        foreach (var (code, name, line) in new[]
        {
            ("TFT-MJV", "Taftan–Mirjaveh", new[] { new[] { 60.87, 29.85 }, [61.55, 28.97], [61.95, 28.45] }),
            ("MSK-JLQ", "Mashkel–Jalq", new[] { new[] { 61.95, 28.45 }, [62.45, 28.05], [62.78, 27.55] }),
        })
        {
            var validation = new Validation();
            var geometry = JsonSerializer.SerializeToElement(new { type = "LineString", coordinates = line });
            var valid = SaveSector.Check(new SaveSector.Request(code, name, geometry, "Frontier Corps", "Iranian Border Guard", null), validation);
            Assert.True(validation.IsValid);
            db.Sectors.Add(new Sector(valid!.Value.Code, valid.Value.Details, now));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>An officer and a shift around now, through the roster's own use cases, which release them to the partner.</summary>
    private static async Task OnDutyAsync(LiaisonDbContext db, TimeProvider time, string name, string rank, string sector, string phone, string radio, string role, DateTime now)
    {
        var created = await SaveOfficer.CreateAsync(new SaveOfficer.Request(name, rank, null, sector, ["fa"], [new("phone", phone), new("radio", radio)]), db, time, default);
        var officer = Assert.IsType<Created<OfficerView>>(created.Result).Value!;
        var shift = await Shifts.CreateAsync(new Shifts.Request(officer.Id, sector, role,
            now.AddHours(-1).ToString("O", CultureInfo.InvariantCulture), now.AddHours(11).ToString("O", CultureInfo.InvariantCulture)), db, time, default);
        Assert.IsType<Created<ShiftView>>(shift.Result);
    }

    private async Task<string> RaiseOnAAsync(string userName, string title)
    {
        using var scope = desks.A.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var user = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.Name, userName), new(ClaimTypes.Role, "LiaisonOfficer")], "test"));
        var input = new AlertInput
        {
            Precedence = "flash",
            Title = title,
            Description = "Eight armed men on foot, seen 3 km north of the Mashkel post, heading for the border.",
            SectorCodes = ["MSK-JLQ"],
            ValidUntil = desks.A.Time.GetUtcNow().AddHours(6).ToString("O", CultureInfo.InvariantCulture),
        };
        var result = await RaiseAlert.HandleAsync(input, db, desks.A.Time, desks.A.Services.GetRequiredService<Liaison.Live.DeskEvents>(), user, CancellationToken.None);
        return Assert.IsType<Created<AlertView>>(result.Result).Value!.Id;
    }
}
