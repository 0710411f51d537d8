using Microsoft.Playwright;

namespace Liaison.Browser.Tests.Infrastructure;

/// <summary>
/// Chromium instances for tests with two desks: each with its own fresh profile, since both desks answer on
/// 127.0.0.1 and one browser would share one cookie jar between them. Disposal closes them and removes the profiles.
/// </summary>
public sealed class DeskBrowsers : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly List<(IBrowserContext Browser, string Profile)> _launched = [];

    private DeskBrowsers(IPlaywright playwright) => _playwright = playwright;

    public static async Task<DeskBrowsers> StartAsync()
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Assertions.SetDefaultExpectTimeout(15_000);
        return new DeskBrowsers(await Playwright.CreateAsync());
    }

    public async Task<IBrowserContext> LaunchAsync()
    {
        var profile = Directory.CreateTempSubdirectory("liaison-chromium-").FullName;
        var browser = await Chromium.LaunchAsync(_playwright, profile);
        browser.SetDefaultTimeout(20_000);
        _launched.Add((browser, profile));
        return browser;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (browser, _) in _launched)
        {
            await browser.CloseAsync();
        }

        _playwright.Dispose();
        foreach (var (_, profile) in _launched)
        {
            try
            {
                Directory.Delete(profile, recursive: true);
            }
            catch (IOException)
            {
                // A profile file Chromium still holds only leaves litter in /tmp.
            }
        }
    }
}
