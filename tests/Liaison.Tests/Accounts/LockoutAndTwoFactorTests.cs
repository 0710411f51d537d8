using System.Net;
using System.Net.Http.Json;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Accounts;

public sealed class LockoutAndTwoFactorTests
{
    [Fact]
    public async Task FiveWrongPasswords_LockTheAccountForFifteenMinutes_EvenWithTheRightPassword()
    {
        await using var node = await TestNode.StartAsync();
        var client = node.Client();
        for (var i = 0; i < 4; i++)
        {
            await Expect.ProblemAsync(await client.PostAsJsonAsync("/api/account/sign-in", new { userName = "admin", password = "wrong password " + i }), HttpStatusCode.Unauthorized);
        }

        await Expect.ProblemAsync(await client.PostAsJsonAsync("/api/account/sign-in", new { userName = "admin", password = "wrong password 5" }), HttpStatusCode.Locked);
        var locked = await client.PostAsJsonAsync("/api/account/sign-in", new { userName = "admin", password = node.Init.AdminPassword });
        await Expect.ProblemAsync(locked, HttpStatusCode.Locked);

        node.Time.Advance(TimeSpan.FromMinutes(14));
        await Expect.ProblemAsync(await client.PostAsJsonAsync("/api/account/sign-in", new { userName = "admin", password = node.Init.AdminPassword }), HttpStatusCode.Locked);

        node.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        var open = await client.PostAsJsonAsync("/api/account/sign-in", new { userName = "admin", password = node.Init.AdminPassword });
        Assert.Equal("password-change-required", await Expect.StateAsync(open));
    }

    [Fact]
    public async Task UnknownUser_GetsTheSameAnswerAsAWrongPassword()
    {
        await using var node = await TestNode.StartAsync();
        var client = node.Client();
        var unknown = await Expect.ProblemAsync(await client.PostAsJsonAsync("/api/account/sign-in", new { userName = "nobody", password = "whatever it is" }), HttpStatusCode.Unauthorized);
        var wrong = await Expect.ProblemAsync(await client.PostAsJsonAsync("/api/account/sign-in", new { userName = "admin", password = "whatever it is" }), HttpStatusCode.Unauthorized);
        Assert.Equal(unknown.GetProperty("detail").GetString(), wrong.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Administrator_WithoutTwoFactor_CannotUseTheNode()
    {
        await using var node = await TestNode.StartAsync();
        var client = node.Client();
        await client.PostAsJsonAsync("/api/account/sign-in", new { userName = "admin", password = node.Init.AdminPassword });
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await client.GetAsync("/api/node"));

        await Expect.StatusAsync(HttpStatusCode.NoContent, await client.PostAsJsonAsync("/api/account/password", new { currentPassword = node.Init.AdminPassword, newPassword = "another long passphrase" }));
        var me = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/account/me");
        Assert.Equal(["two-factor"], me.GetProperty("pending").EnumerateArray().Select(e => e.GetString()));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await client.GetAsync("/api/node"));
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await client.PostAsJsonAsync("/api/account/tokens", new { name = "sneaky" }));
    }

    [Fact]
    public async Task TwoFactorCode_IsRefusedWhenReplayedOrStale_AndAcceptedWithinOneStepOfDrift()
    {
        await using var node = await TestNode.StartAsync();
        var (_, key, password) = await node.SignInAdministratorAsync();

        // The enrolment code's time step is used up: the same code cannot sign in again.
        var replay = node.Client();
        await replay.PostAsJsonAsync("/api/account/sign-in", new { userName = "admin", password });
        await Expect.ProblemAsync(await replay.PostAsJsonAsync("/api/account/sign-in/two-factor", new { code = node.Totp(key) }), HttpStatusCode.Unauthorized);

        // A code from 90 s ago is outside RFC 6238's one-step window.
        node.Time.Advance(TimeSpan.FromSeconds(30));
        var stale = node.Totp(key);
        node.Time.Advance(TimeSpan.FromSeconds(90));
        await Expect.ProblemAsync(await replay.PostAsJsonAsync("/api/account/sign-in/two-factor", new { code = stale }), HttpStatusCode.Unauthorized);

        // One step of clock drift is tolerated.
        var previousStep = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(key)).ComputeTotp(node.Time.GetUtcNow().UtcDateTime.AddSeconds(-30));
        var drifted = await replay.PostAsJsonAsync("/api/account/sign-in/two-factor", new { code = previousStep });
        await Expect.StatusAsync(HttpStatusCode.OK, drifted);
        Assert.Equal("signed-in", await Expect.StateAsync(drifted));
    }

    [Fact]
    public async Task WrongCodes_CountTowardsLockout()
    {
        await using var node = await TestNode.StartAsync();
        var (_, key, password) = await node.SignInAdministratorAsync();
        node.Time.Advance(TimeSpan.FromMinutes(1));
        var client = node.Client();
        await client.PostAsJsonAsync("/api/account/sign-in", new { userName = "admin", password });
        for (var i = 0; i < 4; i++)
        {
            await Expect.ProblemAsync(await client.PostAsJsonAsync("/api/account/sign-in/two-factor", new { code = "00000" + i }), HttpStatusCode.Unauthorized);
        }

        await Expect.ProblemAsync(await client.PostAsJsonAsync("/api/account/sign-in/two-factor", new { code = "000009" }), HttpStatusCode.Locked);

        await Expect.ProblemAsync(await client.PostAsJsonAsync("/api/account/sign-in/two-factor", new { code = node.Totp(key) }), HttpStatusCode.Locked);
    }
}
