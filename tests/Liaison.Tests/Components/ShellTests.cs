using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Liaison.Tests.Infrastructure;

namespace Liaison.Tests.Components;

/// <summary>The desk shell over plain HTTP, as a browser without script would use it.</summary>
public sealed partial class ShellTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Home_WhenSignedOut_RedirectsToSignIn()
    {
        using var client = _node.Client();
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.OriginalString.Replace(_node.Address.ToString().TrimEnd('/'), "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInPage_IsLeftToRightInEnglish_AndRightToLeftInPersianAndUrdu()
    {
        using var client = _node.Client();
        var english = await client.GetStringAsync("/account/sign-in");
        Assert.Contains("<html lang=\"en\" dir=\"ltr\"", english, StringComparison.Ordinal);

        await client.GetAsync("/culture/set?culture=fa&returnUrl=/account/sign-in");
        // Razor encodes non-ASCII text as character references; read the page as a browser would.
        var persian = WebUtility.HtmlDecode(await client.GetStringAsync("/account/sign-in"));
        Assert.Contains("<html lang=\"fa\" dir=\"rtl\"", persian, StringComparison.Ordinal);
        Assert.Contains("گذرواژه", persian, StringComparison.Ordinal);

        await client.GetAsync("/culture/set?culture=ur&returnUrl=/account/sign-in");
        var urdu = WebUtility.HtmlDecode(await client.GetStringAsync("/account/sign-in"));
        Assert.Contains("<html lang=\"ur\" dir=\"rtl\"", urdu, StringComparison.Ordinal);
        Assert.NotEqual(persian, urdu);
    }

    [Fact]
    public async Task SignInForm_WithTheOneTimePassword_SendsTheAdministratorToChangeIt()
    {
        using var client = _node.Client();
        var wrong = await PostFormAsync(client, "/account/sign-in", ("Input.UserName", "admin"), ("Input.Password", "not the password"));
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("role=\"alert\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var right = await PostFormAsync(client, "/account/sign-in", ("Input.UserName", "admin"), ("Input.Password", _node.Init.AdminPassword));
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Contains("/account/change-password", right.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var me = await client.GetFromJsonAsync<JsonElement>("/api/account/me");
        Assert.Contains("password", me.GetProperty("pending").EnumerateArray().Select(p => p.GetString()));
    }

    /// <summary>Fills the page's form (hidden fields included, like a browser) and posts it.</summary>
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, params (string Name, string Value)[] fields)
    {
        var page = await client.GetStringAsync(path);
        var form = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (name, value) in fields)
        {
            form[name] = value;
        }

        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(path, content);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
