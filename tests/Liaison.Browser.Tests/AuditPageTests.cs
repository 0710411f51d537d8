using Liaison.Browser.Tests.Infrastructure;
using Liaison.Browser.Tests.Pages;
using Liaison.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Liaison.Browser.Tests;

[Collection(DeskCollection.Name)]
public sealed class AuditPageTests(DeskFixture desk)
{
    /// <summary>
    /// The audit page checks the hash chain as it opens; after a row is edited directly in the SQLite file,
    /// "Verify now" reports the chain broken at that row and marks it.
    /// </summary>
    [Fact]
    public async Task TamperedRow_InTheDatabaseFile_IsShownAsTheBreak()
    {
        var page = await desk.NewPageAsync();
        var admin = new DeskPage(page, desk.Node.Address);
        await admin.SignInAsync(desk.Node.Init.AdminUserName, desk.AdminPassword, () => desk.NextCode(desk.AdminKey));
        await admin.GoToAsync("audit");
        var status = page.GetByRole(AriaRole.Status).Filter(new() { HasTextRegex = new("Chain intact|broken") });
        await Expect(status).ToContainTextAsync("Chain intact");

        await using var database = new SqliteConnection($"Data Source={Path.Combine(desk.Node.DataDirectory, DatabaseSettings.SqliteFileName)};Pooling=False");
        await database.OpenAsync();
        var (sequence, actor) = await ThirdRowAsync(database);
        try
        {
            await ExecuteAsync(database, "UPDATE audit_entries SET Actor = 'someone else' WHERE Sequence = $sequence", sequence);
            await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();

            await Expect(status).ToContainTextAsync($"The chain is broken at entry {sequence}.");
            await Expect(status).ToContainTextAsync($"row {sequence} was edited");
            var around = page.GetByRole(AriaRole.Region, new() { Name = "Entries around the break" });
            var marked = around.GetByRole(AriaRole.Row).Filter(new() { HasText = "breaks here" });
            await Expect(marked).ToHaveCountAsync(1);
            await Expect(marked).ToContainTextAsync("someone else");
            await admin.ScreenshotAsync("audit-broken");
        }
        finally
        {
            await ExecuteAsync(database, "UPDATE audit_entries SET Actor = $actor WHERE Sequence = $sequence", sequence, actor);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();
        await Expect(status).ToContainTextAsync("Chain intact");
    }

    private static async Task<(long Sequence, string Actor)> ThirdRowAsync(SqliteConnection database)
    {
        await using var command = database.CreateCommand();
        command.CommandText = "SELECT Sequence, Actor FROM audit_entries ORDER BY Sequence LIMIT 1 OFFSET 2";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the audit log has at least three rows");
        return (reader.GetInt64(0), reader.GetString(1));
    }

    private static async Task ExecuteAsync(SqliteConnection database, string sql, long sequence, string? actor = null)
    {
        await using var command = database.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$sequence", sequence);
        if (actor is not null)
        {
            command.Parameters.AddWithValue("$actor", actor);
        }

        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
