using System.Net.Http.Json;
using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Liaison.Features.Incidents;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

[Collection(DeskCollection.Name)]
public sealed class IncidentTests(DeskFixture desk)
{
    [Fact]
    public async Task Analyst_CreatesAndPublishesAReport_AndFindsItInTheList()
    {
        var (analyst, password) = await desk.NewUserAsync("Analyst");
        var page = await desk.NewPageAsync();
        var list = new IncidentListPage(page, desk.Node.Address);
        await list.SignInAsync(analyst, password);
        await list.FollowAsync("Incidents");
        await list.NewReportAsync();

        var editor = new IncidentEditorPage(page, desk.Node.Address);
        await editor.LiveAsync();
        await editor.SaveDraftAsync();
        await Expect(editor.ErrorSummary).ToContainTextAsync("Not saved");
        await Expect(editor.Title).ToHaveAccessibleDescriptionAsync("Required.");
        await Expect(editor.Category).ToHaveAccessibleDescriptionAsync("Required.");
        await editor.ScreenshotAsync("incident-editor");

        const string title = "Shots fired near the Taftan crossing at night";
        await editor.Title.FillAsync(title);
        await editor.Category.SelectOptionAsync(new SelectOptionValue { Label = "Armed clash" });
        await editor.PlaceName.FillAsync("Taftan, 2 km north of the crossing");
        await editor.Sector.SelectOptionAsync(new SelectOptionValue { Value = "TFT-MJV" });
        await editor.Casualty("Security forces", "Injured").FillAsync("2");
        await editor.SaveAndPublishAsync();

        var detail = new IncidentDetailPage(page, desk.Node.Address);
        await Expect(detail.Heading).ToHaveTextAsync(title);
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The report was published.");
        await Expect(detail.Status).ToHaveTextAsync("Published");
        await Expect(detail.History).ToContainTextAsync("Version 1");
        await detail.ScreenshotAsync("incident-detail");

        await list.FollowAsync("Incidents");
        await list.SearchAsync("taftan crossing at night");
        await Expect(list.Row(title)).ToContainTextAsync("Armed clash");
        await Expect(list.Row(title)).ToContainTextAsync("TFT-MJV");
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("1 shown");
    }

    [Fact]
    public async Task Retract_AsksForConfirmationAndAReason_AndKeepsTheReport()
    {
        var (analyst, password) = await desk.NewUserAsync("Analyst");
        var id = await PublishedReportAsync("Report entered twice by the desk");
        var page = await desk.NewPageAsync();
        var detail = new IncidentDetailPage(page, desk.Node.Address);
        await detail.SignInAsync(analyst, password);
        await detail.GoToAsync($"incidents/{id}");

        await detail.Button("Retract…").ClickAsync();
        await Expect(detail.Confirmation).ToBeVisibleAsync();
        await Expect(detail.Confirmation).ToContainTextAsync("Retraction is final");
        await detail.Confirmation.GetByRole(AriaRole.Button, new() { Name = "Retract the report" }).ClickAsync();
        await Expect(detail.Confirmation.GetByLabel("Reason for retraction")).ToHaveAccessibleDescriptionAsync("Required.");
        await Expect(detail.Status).ToHaveTextAsync("Published");

        await detail.Confirmation.GetByLabel("Reason for retraction").FillAsync("Duplicate of an earlier report.");
        await detail.Confirmation.GetByRole(AriaRole.Button, new() { Name = "Retract the report" }).ClickAsync();
        await Expect(detail.Status).ToHaveTextAsync("Retracted");
        await Expect(page.GetByRole(AriaRole.Note).Filter(new() { HasText = "retracted" })).ToContainTextAsync("Duplicate of an earlier report.");
        await Expect(detail.History).ToContainTextAsync("Version 2");
        await Expect(detail.Button("Retract…")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PartnerReport_IsShownReadOnly_WithANote()
    {
        var (analyst, password) = await desk.NewUserAsync("Analyst");
        var id = await PartnerReportAsync("Militant attack on the police station in Rask");
        var page = await desk.NewPageAsync();
        var detail = new IncidentDetailPage(page, desk.Node.Address);
        await detail.SignInAsync(analyst, password);
        await detail.GoToAsync($"incidents/{id}");

        await Expect(page.GetByRole(AriaRole.Note).First).ToContainTextAsync("read-only");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Revise" })).ToHaveCountAsync(0);
        await Expect(detail.Button("Retract…")).ToHaveCountAsync(0);
        await detail.ScreenshotAsync("incident-partner");

        await detail.GoToAsync($"incidents/{id}/edit");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("read-only");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save draft" })).ToHaveCountAsync(0);
    }

    /// <summary>
    /// A report the partner party published, as this node holds it once received: by the partner's id, never
    /// editable here. Stored directly, as the exchange would store it.
    /// </summary>
    private async Task<string> PartnerReportAsync(string title)
    {
        using var scope = desk.Node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        if (await db.Incidents.Where(i => i.Title == title && !i.OriginParty.IsSelf).Select(i => i.StixId).FirstOrDefaultAsync() is { } held)
        {
            return held;
        }

        var partner = await db.Parties.FirstOrDefaultAsync(p => !p.IsSelf);
        if (partner is null)
        {
            partner = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Iran Border Guard (test)", "IR", isSelf: false, desk.Node.Time.GetUtcNow().UtcDateTime);
            db.Parties.Add(partner);
        }

        var now = desk.Node.Time.GetUtcNow().UtcDateTime;
        var content = new IncidentContent
        {
            Title = title,
            Description = "Gunmen stormed the police station before dawn.",
            Occurred = new Occurrence(new DateTime(2023, 12, 15, 0, 0, 0, DateTimeKind.Utc), null, OccurrencePrecision.Day),
            Location = new Place(26.24, 61.40, "Rask, Sistan-Baluchestan", "MND-PSN"),
            Category = IncidentCategory.AttackOnSecurityForces,
            Casualties = new Casualties(SecurityForces: new Count(Killed: 11)),
            Tlp = TlpLevel.Green,
        };
        var report = IncidentReport.Draft(partner, content, "partner-desk", now);
        report.Publish("partner-desk", now);
        db.Incidents.Add(report);
        await db.SaveChangesAsync();
        return report.StixId;
    }

    /// <summary>A published report of this node's own, made through the API as a script would.</summary>
    private async Task<string> PublishedReportAsync(string title)
    {
        var (analyst, password) = await desk.NewUserAsync("Analyst");
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = desk.Node.Address };
        (await client.PostAsJsonAsync("/api/account/sign-in", new { userName = analyst, password })).EnsureSuccessStatusCode();
        var created = await client.PostAsJsonAsync("/api/incidents", new
        {
            title,
            occurred = new { start = "2026-11-27T22:10:00Z", precision = "minute" },
            category = "border-violation",
            location = new { sector = "MSK-JLQ", placeName = "Mashkel" },
        });
        created.EnsureSuccessStatusCode();
        var view = await created.Content.ReadFromJsonAsync<IncidentView>(IncidentContent.Json);
        (await client.PostAsync($"/api/incidents/{view!.Id}/publish", null)).EnsureSuccessStatusCode();
        return view.Id;
    }
}
