using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

/// <summary>
/// Issue 6 item 2 for reference data: an administrator loads sectors from a GeoJSON file on the desk (all or
/// nothing, every bad feature named) and anyone downloads them again; an analyst adds a named group.
/// </summary>
[Collection(DeskCollection.Name)]
public sealed class ReferenceDataTests(DeskFixture desk)
{
    private const string Good = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[63.10, 26.60], [63.30, 26.90]]},
           "properties": {"code": "TST-KHR", "name": "Kharan test sector", "responsibleSelf": "Frontier Corps test wing"}}]}
        """;

    // The second feature's polygon is not closed (RFC 7946 §3.1.6), so the first is not imported either.
    private const string Bad = """
        {"type": "FeatureCollection", "features": [
          {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[63.10, 26.60], [63.30, 26.90]]},
           "properties": {"code": "TST-BAD", "name": "Would be imported alone"}},
          {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[61, 28], [62, 28], [62, 29], [61, 29]]]},
           "properties": {"code": "TST-OPEN", "name": "Unclosed ring"}}]}
        """;

    [Fact]
    public async Task Administrator_ImportsSectorsFromGeoJson_AllOrNothing_AndDownloadsThemAgain()
    {
        var page = await desk.NewPageAsync();
        var import = new GeoJsonImportPage(page, desk.Node.Address);
        await import.SignInAsync(desk.Node.Init.AdminUserName, desk.AdminPassword, () => desk.NextCode(desk.AdminKey));
        await import.FollowAsync("Sectors and posts");
        await page.GetByRole(AriaRole.Link, new() { Name = "Import GeoJSON" }).ClickAsync();
        await Expect(import.Heading).ToHaveTextAsync("Import sectors or posts");

        await import.ChooseAsync("Sectors", "bad.geojson", Bad);
        await import.ImportAsync();
        await Expect(import.Problems).ToContainTextAsync("features[1].geometry.coordinates[0]");
        Assert.Equal(404, (await page.APIRequest.GetAsync(new Uri(desk.Node.Address, "api/sectors/TST-BAD").ToString())).Status);

        await import.ChooseAsync("Sectors", "kharan.geojson", Good);
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(import.Confirm).ToContainTextAsync("Import the sectors in this file (1)?");
        Assert.False(await import.ScrollsSidewaysAsync());
        await import.ScreenshotAsync("sectors-import");
        await import.Confirm.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Imported" })).ToHaveTextAsync("Imported: 1 added, 0 revised.");
        await Expect(import.Problems).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Sectors and posts" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "TST-KHR" })).ToContainTextAsync("Kharan test sector");
        var download = page.GetByRole(AriaRole.Link, new() { Name = "Sectors (GeoJSON)" });
        var exported = await page.APIRequest.GetAsync(new Uri(desk.Node.Address, await download.GetAttributeAsync("href")).ToString());
        Assert.Equal(200, exported.Status);
        Assert.Contains("\"TST-KHR\"", await exported.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyst_AddsANamedGroup_WithEachProblemBesideItsField()
    {
        var (analyst, password) = await desk.NewUserAsync("Analyst");
        var page = await desk.NewPageAsync();
        var groups = new DeskPage(page, desk.Node.Address);
        await groups.SignInAsync(analyst, password);
        await groups.FollowAsync("Incidents");
        await page.GetByRole(AriaRole.Link, new() { Name = "Named groups" }).ClickAsync();
        await Expect(groups.Heading).ToHaveTextAsync("Named groups");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a named group" }).ClickAsync();
        var form = page.GetByRole(AriaRole.Region, new() { Name = "Add a named group" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Add group" }).ClickAsync();
        await Expect(form.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form.Locator("#g-name-error")).ToHaveTextAsync("Required.");

        await form.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Border Test Front");
        await form.GetByLabel("Kind").SelectOptionAsync(new SelectOptionValue { Label = "Threat actor" });
        await form.GetByLabel("Other names").FillAsync("BTF, Test Front");
        await form.GetByLabel("Description").FillAsync("Named in a test report only.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add group" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Border Test Front was added.");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Border Test Front" }) });
        await Expect(row).ToContainTextAsync("Threat actor");
        await Expect(row).ToContainTextAsync("BTF, Test Front");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await groups.ScreenshotAsync("named-groups");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a named group" }).ClickAsync();
        await form.GetByRole(AriaRole.Textbox, new() { Name = "Name", Exact = true }).FillAsync("Border Test Front");
        await form.GetByRole(AriaRole.Button, new() { Name = "Add group" }).ClickAsync();
        await Expect(form.Locator("#g-name-error")).ToHaveTextAsync("A group with this name exists already.");
        Assert.False(await groups.ScrollsSidewaysAsync());
    }
}
