using Microsoft.Playwright;

namespace Liaison.Browser.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, driven by Playwright. Playwright never downloads a browser of its own here: these machines
/// reach only package registries, so the browser comes from apt like every other tool.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    /// <summary>Starts Chromium with a fresh profile in <paramref name="profile"/>, sized like a desk monitor (1280×720).</summary>
    public static async Task<IBrowserContext> LaunchAsync(IPlaywright playwright, string profile)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's browser with `apt-get install chromium` (./test does this when run as root).");
        }

        // The profile must be passed as userDataDir: Playwright refuses a --user-data-dir argument.
        return await playwright.Chromium.LaunchPersistentContextAsync(profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            ViewportSize = new ViewportSize { Width = 1280, Height = 720 },
            Locale = "en-GB",
            TimezoneId = "UTC",
        });
    }
}
