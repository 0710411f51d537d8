using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Liaison.Exchange;
using Liaison.Protocol.Stix;
using Liaison.Tests.Infrastructure;
using static Liaison.Tests.Exchange.Taxii.TaxiiTesting;

namespace Liaison.Tests.Exchange.Taxii;

/// <summary>The server's resources, media types and access for local accounts (TAXII 2.1 §1.6, §3.1, §4, §5.1–5.2).</summary>
public sealed class TaxiiServerTests
{
    [Fact]
    public async Task Discovery_ApiRoot_Collections_HaveTheSpecShapes()
    {
        await using var node = await TestNode.StartAsync();
        using var client = await TokenClientAsync(node, "analyst", "Analyst");

        var (discovery, _) = await GetAsync(client, Discovery);
        Assert.Equal("/taxii2/api/", discovery.GetProperty("default").GetString());
        Assert.Equal(["/taxii2/api/"], discovery.GetProperty("api_roots").EnumerateArray().Select(r => r.GetString()));
        Assert.False(string.IsNullOrEmpty(discovery.GetProperty("title").GetString()));

        var (root, _) = await GetAsync(client, ApiRoot);
        Assert.Equal([MediaType], root.GetProperty("versions").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal(10 * 1024 * 1024, root.GetProperty("max_content_length").GetInt64());

        var (collections, _) = await GetAsync(client, $"{ApiRoot}collections/");
        var only = Assert.Single(collections.GetProperty("collections").EnumerateArray());
        Assert.Equal(ExchangeCollection.Id, only.GetProperty("id").GetString());
        Assert.Equal(ExchangeCollection.Alias, only.GetProperty("alias").GetString());
        Assert.True(only.GetProperty("can_read").GetBoolean());
        Assert.False(only.GetProperty("can_write").GetBoolean());
        Assert.Equal(["application/stix+json;version=2.1"], only.GetProperty("media_types").EnumerateArray().Select(v => v.GetString()));

        var (collection, _) = await GetAsync(client, Collection);
        Assert.Equal(only.GetRawText(), collection.GetRawText());
        var (byAlias, _) = await GetAsync(client, $"{ApiRoot}collections/{ExchangeCollection.Alias}/");
        Assert.Equal(only.GetRawText(), byAlias.GetRawText());

        await ErrorAsync(await client.GetAsync(new Uri($"{ApiRoot}collections/{Guid.NewGuid()}/objects/", UriKind.Relative)), HttpStatusCode.NotFound);
        await ErrorAsync(await client.GetAsync(new Uri("/taxii2/elsewhere/", UriKind.Relative)), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/taxii+json;version=2.0")]
    [InlineData("application/stix+json;version=2.1")]
    [InlineData("application/taxii+json;version=2.1;q=0, */*")]
    public async Task Accept_WithoutTaxii21_Is406(string accept)
    {
        await using var node = await TestNode.StartAsync();
        using var client = await TokenClientAsync(node, "analyst", "Analyst");
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);

        foreach (var path in new[] { Discovery, ApiRoot, Collection, Objects, Manifest })
        {
            await ErrorAsync(await client.GetAsync(new Uri(path, UriKind.Relative)), HttpStatusCode.NotAcceptable);
        }
    }

    [Theory]
    [InlineData("application/taxii+json")]
    [InlineData("application/*")]
    [InlineData("*/*")]
    [InlineData("application/taxii+json; version=\"2.1\"")]
    public async Task Accept_AdmittingTaxii21_IsServed(string accept)
    {
        await using var node = await TestNode.StartAsync();
        using var client = await TokenClientAsync(node, "analyst", "Analyst");
        client.DefaultRequestHeaders.Accept.Clear();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Accept", accept);

        await GetAsync(client, Objects);
    }

    [Fact]
    public async Task NoCredentials_Is401_WithABasicChallenge()
    {
        await using var node = await TestNode.StartAsync();
        using var client = new HttpClient { BaseAddress = node.Address };
        client.DefaultRequestHeaders.Accept.ParseAdd(MediaType);

        foreach (var path in new[] { Discovery, ApiRoot, Collection, Objects })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            await ErrorAsync(response, HttpStatusCode.Unauthorized);
            Assert.Contains(response.Headers.WwwAuthenticate, c => c.Scheme == "Basic");
        }
    }

    [Fact]
    public async Task Basic_WithAnApiTokenAsPassword_Reads_ButTheAccountPasswordIsRefused()
    {
        await using var node = await TestNode.StartAsync();
        using var session = await node.SignInNewUserAsync("misp", "Analyst");
        var token = await CreateTokenAsync(session);
        using var client = new HttpClient { BaseAddress = node.Address };
        client.DefaultRequestHeaders.Accept.ParseAdd(MediaType);

        client.DefaultRequestHeaders.Authorization = Basic("misp", token);
        await GetAsync(client, Objects);
        client.DefaultRequestHeaders.Authorization = Basic("MISP", token);
        await GetAsync(client, Discovery);

        // SignInNewUserAsync set this password; it would pass the password check but skip the second factor, so it never counts.
        client.DefaultRequestHeaders.Authorization = Basic("misp", "another long enough passphrase");
        await ErrorAsync(await client.GetAsync(new Uri(Objects, UriKind.Relative)), HttpStatusCode.Unauthorized);

        using var other = await node.SignInNewUserAsync("opencti", "Analyst");
        client.DefaultRequestHeaders.Authorization = Basic("opencti", token);
        await ErrorAsync(await client.GetAsync(new Uri(Objects, UriKind.Relative)), HttpStatusCode.Unauthorized);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "not base64!");
        await ErrorAsync(await client.GetAsync(new Uri(Objects, UriKind.Relative)), HttpStatusCode.Unauthorized);

        await Expect.StatusAsync(HttpStatusCode.NoContent, await session.DeleteAsync(new Uri($"/api/account/tokens/{token[4..20]}", UriKind.Relative)));
        client.DefaultRequestHeaders.Authorization = Basic("misp", token);
        await ErrorAsync(await client.GetAsync(new Uri(Objects, UriKind.Relative)), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Auditor_ReadsObjects_ButCannotAddThem()
    {
        await using var node = await TestNode.StartAsync();
        var self = await SelfAsync(node);
        var location = NewLocation(self, node);
        await AppendAsync(node, [location]);
        using var client = await TokenClientAsync(node, "auditor", "Auditor");

        var (envelope, _) = await GetAsync(client, Objects);
        Assert.Contains(location.Id.ToString(), IdsOf(envelope));

        var (collection, _) = await GetAsync(client, Collection);
        Assert.False(collection.GetProperty("can_write").GetBoolean());
        using var body = new StringContent($$"""{"objects":[{{StixJson.ToJsonString(location.ToJson())}}]}""", Encoding.UTF8);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(MediaType);
        await ErrorAsync(await client.PostAsync(new Uri(Objects, UriKind.Relative), body), HttpStatusCode.Forbidden);
        await ErrorAsync(await client.DeleteAsync(new Uri(Object(location.Id.ToString()), UriKind.Relative)), HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("LiaisonOfficer")]
    [InlineData("Commander")]
    public async Task OtherDeskRoles_Read_WithTheirSession(string role)
    {
        await using var node = await TestNode.StartAsync();
        using var session = await node.SignInNewUserAsync("someone", role);
        session.DefaultRequestHeaders.Accept.ParseAdd(MediaType);

        await GetAsync(session, Objects);
    }

    [Fact]
    public async Task AdministratorOnlyAccount_IsForbidden()
    {
        await using var node = await TestNode.StartAsync();
        var (client, _, _) = await node.SignInAdministratorAsync();
        using (client)
        {
            client.DefaultRequestHeaders.Accept.ParseAdd(MediaType);
            await ErrorAsync(await client.GetAsync(new Uri(Discovery, UriKind.Relative)), HttpStatusCode.Forbidden);
            await ErrorAsync(await client.GetAsync(new Uri(Objects, UriKind.Relative)), HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task UnknownObject_And_OthersStatus_Are404()
    {
        await using var node = await TestNode.StartAsync();
        using var client = await TokenClientAsync(node, "analyst", "Analyst");
        var missing = StixId.NewRandom(Liaison.Protocol.Stix.Location.TypeName).ToString();

        await ErrorAsync(await client.GetAsync(new Uri(Object(missing), UriKind.Relative)), HttpStatusCode.NotFound);
        await ErrorAsync(await client.GetAsync(new Uri(Versions(missing), UriKind.Relative)), HttpStatusCode.NotFound);
        await ErrorAsync(await client.GetAsync(new Uri(Object("not-an-id"), UriKind.Relative)), HttpStatusCode.NotFound);
        await ErrorAsync(await client.GetAsync(new Uri($"{ApiRoot}status/{Guid.NewGuid()}/", UriKind.Relative)), HttpStatusCode.NotFound);
    }
}
