using System.Text.RegularExpressions;
using Liaison.Accounts;
using Liaison.Cli;
using Liaison.Node;
using Liaison.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OtpNet;

namespace Liaison.Browser.Tests.Infrastructure;

/// <summary>
/// A real node for the browser to talk to: made by <c>init</c> in a temporary folder, on SQLite, served by Kestrel
/// on a free loopback port, exactly as <c>liaison serve</c> builds it. Its clock is a <see cref="FakeTimeProvider"/>,
/// so two-factor codes are computed for the instant the node believes it is.
/// </summary>
public sealed partial class DeskNode : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly string _root;

    private DeskNode(WebApplication app, string root, string data, InitNode.Result init, FakeTimeProvider time, Uri address)
    {
        _app = app;
        _root = root;
        DataDirectory = data;
        Init = init;
        Time = time;
        Address = address;
    }

    public InitNode.Result Init { get; }

    public FakeTimeProvider Time { get; }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a node for <paramref name="party"/> (by default the Pakistani desk the single-node tests use).</summary>
    public static async Task<DeskNode> StartAsync(string party = "Pakistan — Western Border Coordination", string country = "PK")
    {
        var root = Directory.CreateTempSubdirectory("liaison-desk-").FullName;
        var data = Path.Combine(root, "node");
        var time = new FakeTimeProvider(Start);
        var init = await InitNode.RunAsync(new InitNode.Request(data, party, country, "admin", DatabaseProvider.Sqlite, null), time);
        var settings = new NodeSettings(NodeFolder.Open(data), DatabaseSettings.SqliteIn(data), "http://127.0.0.1:0");
        var app = NodeHost.Build(settings, b => b.Services.AddSingleton<TimeProvider>(time));
        await NodeHost.MigrateAsync(app.Services);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DeskNode(app, root, data, init, time, new Uri(address));
    }

    public string Totp(string sharedKey) => new Totp(Base32Encoding.ToBytes(sharedKey)).ComputeTotp(Time.GetUtcNow().UtcDateTime);

    /// <summary>Adds a user the way an operator does, with <c>liaison users add</c>; returns the one-time password.</summary>
    public async Task<string> AddUserAsync(string userName, string role, string? displayName = null)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = ["users", "add", "--data", DataDirectory, "--user", userName, "--role", role, .. displayName is null ? Array.Empty<string>() : ["--display-name", displayName]];
        var code = await LiaisonCli.RunAsync(args, output, error, Time);
        Assert.True(code == 0, error.ToString());
        return OneTimePassword().Match(output.ToString()).Groups[1].Value;
    }

    /// <summary>
    /// Replaces a user's one-time password as if they had already chosen their own, so a test about incidents
    /// does not walk through the first sign-in again (that walk has a test of its own).
    /// </summary>
    public async Task SetOwnPasswordAsync(string userName, string password)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LiaisonUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"no user {userName}");
        Check(await users.RemovePasswordAsync(user));
        Check(await users.AddPasswordAsync(user, password));
        user.MustChangePassword = false;
        Check(await users.UpdateAsync(user));

        static void Check(IdentityResult result) => Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Turns two-factor on for <paramref name="userName"/> as enrolment leaves it; returns the shared key for codes.</summary>
    public async Task<string> EnableTwoFactorAsync(string userName)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<LiaisonUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"no user {userName}");
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        return key;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A file the OS still holds only leaves litter in /tmp.
        }
    }

    [GeneratedRegex(@"one-time password (\S+)")]
    private static partial Regex OneTimePassword();
}
