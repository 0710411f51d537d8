using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;

namespace Liaison.Tests.Infrastructure;

public static partial class TestUsers
{
    /// <summary>
    /// Adds a user with <paramref name="role"/> through the CLI and signs them in, changing the one-time password
    /// as the first sign-in demands. Roles other than Administrator need no second factor.
    /// </summary>
    public static async Task<HttpClient> SignInNewUserAsync(this TestNode node, string userName, string role)
    {
        ArgumentNullException.ThrowIfNull(node);
        var added = await node.CliAsync("users", "add", "--data", node.DataDirectory, "--user", userName, "--role", role);
        Assert.True(added.ExitCode == 0, added.Error);
        var oneTime = OneTimePassword().Match(added.Output).Groups[1].Value;

        var client = node.Client();
        var first = await client.PostAsJsonAsync("/api/account/sign-in", new { userName, password = oneTime });
        await Expect.StatusAsync(HttpStatusCode.OK, first);
        Assert.Equal("password-change-required", await Expect.StateAsync(first));
        await Expect.StatusAsync(HttpStatusCode.NoContent, await client.PostAsJsonAsync("/api/account/password", new { currentPassword = oneTime, newPassword = "another long enough passphrase" }));
        return client;
    }

    [GeneratedRegex(@"one-time password (\S+)")]
    private static partial Regex OneTimePassword();
}
