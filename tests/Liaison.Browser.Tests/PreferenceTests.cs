using System.Globalization;
using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

[Collection(DeskCollection.Name)]
public sealed class PreferenceTests(DeskFixture desk)
{
    /// <summary>
    /// An officer in Tehran chooses their zone and the Solar Hijri calendar on the preferences page; from then on the
    /// desk writes times in Tehran time and the Persian calendar, each with its offset from UTC.
    /// </summary>
    [Fact]
    public async Task ChosenZoneAndCalendar_AreUsedForTimesAcrossTheDesk()
    {
        var (officer, password) = await desk.NewUserAsync("LiaisonOfficer");
        var page = await desk.NewPageAsync();
        var deskPage = new DeskPage(page, desk.Node.Address);
        await deskPage.SignInAsync(officer, password);

        await deskPage.Navigation.GetByRole(AriaRole.Link, new() { Name = "Preferences", Exact = true }).ClickAsync();
        await Expect(deskPage.Heading).ToHaveTextAsync("Preferences");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Time zone" }).FillAsync("Asia/Tehran");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Solar Hijri (Persian)" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save preferences" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Preferences saved." })).ToBeVisibleAsync();
        var tehran = TimeZoneInfo.ConvertTimeFromUtc(desk.Node.Time.GetUtcNow().UtcDateTime, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tehran"));
        var persian = new PersianCalendar();
        var expected = string.Create(CultureInfo.InvariantCulture, $"{persian.GetYear(tehran):D4}-{persian.GetMonth(tehran):D2}-{persian.GetDayOfMonth(tehran):D2} {tehran:HH:mm} UTC+03:30");
        await Expect(page.Locator("form time.instant")).ToHaveTextAsync(expected);
        await Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Solar Hijri (Persian)" })).ToBeCheckedAsync();
    }
}
