using System.Runtime.CompilerServices;
using Liaison.Features.Demo;
using Liaison.Storage;
using Liaison.Browser.Tests.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Liaison.Browser.Tests.Infrastructure;

/// <summary>
/// One real node (<see cref="DeskNode"/>) filled with the demo border, its administrator already through the
/// first sign-in (in the browser), and one Chromium. Shared by the desk tests, which run one after
/// another; each test signs in as a user of its own.
/// </summary>
public sealed class DeskFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private int _users;
    private string _profile = "";

    public DeskNode Node { get; private set; } = null!;

    public IBrowserContext Browser { get; private set; } = null!;

    public string AdminPassword { get; private set; } = "";

    public string AdminKey { get; private set; } = "";

    /// <summary>Where the screenshots the README shows are kept.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "docs", "screenshots");

    public async Task InitializeAsync()
    {
        // Never fetch a browser: the one from apt is used (see Chromium).
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        Node = await DeskNode.StartAsync();
        using (var scope = Node.Services.CreateScope())
        {
            await DemoSeed.SeedAsync(scope.ServiceProvider.GetRequiredService<LiaisonDbContext>(), Node.Time, CancellationToken.None);
        }

        _playwright = await Playwright.CreateAsync();
        _profile = Directory.CreateTempSubdirectory("liaison-chromium-").FullName;
        Browser = await Chromium.LaunchAsync(_playwright, _profile);
        Browser.SetDefaultTimeout(15_000);
        Assertions.SetDefaultExpectTimeout(10_000);

        // The first administrator's first sign-in, done once for every test that needs an administrator.
        var page = await NewPageAsync();
        var signIn = new SignInPage(page, Node.Address);
        await signIn.OpenAsync();
        await signIn.SubmitPasswordAsync(Node.Init.AdminUserName, Node.Init.AdminPassword);
        AdminPassword = "the administrator's own passphrase";
        await signIn.ChangePasswordAsync(Node.Init.AdminPassword, AdminPassword);
        AdminKey = await signIn.EnrolmentKeyAsync();
        await signIn.ConfirmEnrolmentAsync(NextCode(AdminKey));
        await page.GetByRole(AriaRole.Heading, new() { Level = 1, Name = "Home" }).WaitForAsync();
        await page.CloseAsync();
    }

    /// <summary>
    /// A code for the next 30-second step: the node refuses a code twice (RFC 6238 §5.2), so the node's clock moves on first.
    /// </summary>
    public string NextCode(string sharedKey)
    {
        Node.Time.Advance(TimeSpan.FromSeconds(30));
        return Node.Totp(sharedKey);
    }

    /// <summary>A new user with <paramref name="role"/> and a password of their own, signed out: each test has its own people.</summary>
    public async Task<(string UserName, string Password)> NewUserAsync(string role)
    {
        var userName = $"{role.ToLowerInvariant()}-{Interlocked.Increment(ref _users)}";
        await Node.AddUserAsync(userName, role);
        const string password = "a passphrase for the test desk";
        await Node.SetOwnPasswordAsync(userName, password);
        return (userName, password);
    }

    /// <summary>A fresh tab with no session: cookies of earlier tests are dropped.</summary>
    public async Task<IPage> NewPageAsync()
    {
        await Browser.ClearCookiesAsync();
        foreach (var open in Browser.Pages.ToList())
        {
            await open.CloseAsync();
        }

        return await Browser.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (Node is not null)
        {
            await Node.DisposeAsync();
        }

        try
        {
            if (_profile.Length > 0)
            {
                Directory.Delete(_profile, recursive: true);
            }
        }
        catch (IOException)
        {
            // A profile file Chromium still holds only leaves litter in /tmp.
        }
    }

    private static string RepositoryRoot([CallerFilePath] string source = "")
    {
        var folder = new DirectoryInfo(Path.GetDirectoryName(source)!);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Liaison.slnx")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException($"no Liaison.slnx above {source}");
    }
}

[CollectionDefinition(Name)]
public sealed class DeskCollection : ICollectionFixture<DeskFixture>
{
    public const string Name = "desk";
}
