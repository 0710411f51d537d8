using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Features.Officers;

/// <summary>An administrator keeps the partner desk's hotline numbers on the link; bad input names each bad field.</summary>
public sealed class HotlineTests : IAsyncLifetime
{
    private TestNode _node = null!;
    private HttpClient _admin = null!;
    private int _partner;

    public async Task InitializeAsync()
    {
        _node = await TestNode.StartAsync();
        (_admin, _, _) = await _node.SignInAdministratorAsync();
        using var scope = _node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var now = _node.Time.GetUtcNow().UtcDateTime;
        var party = new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Partner border guard", "IR", isSelf: false, now);
        var partner = new Partner(party, new Uri("https://partner.invalid/"), new byte[32], "SHA256:partner-test", null, false, now);
        db.Add(partner);
        await db.SaveChangesAsync();
        _partner = partner.Id;
    }

    public async Task DisposeAsync()
    {
        _admin.Dispose();
        await _node.DisposeAsync();
    }

    private Task<HttpResponseMessage> PutAsync(HttpClient client, object body, int? partner = null) =>
        client.PutAsJsonAsync($"/api/partners/{partner ?? _partner}/hotlines", body);

    private async Task<List<string>> StoredAsync() =>
        [.. (await _admin.GetFromJsonAsync<JsonElement>($"/api/partners/{_partner}/contacts")).GetProperty("hotlines").EnumerateArray()
            .Select(h => $"{h.GetProperty("label").GetString()}={h.GetProperty("number").GetString()}")];

    [Fact]
    public async Task Put_ReplacesTheNumbers_AndAnEmptyListClearsThem()
    {
        await Expect.StatusAsync(HttpStatusCode.OK, await PutAsync(_admin, new { hotlines = new[] { new { label = "Zahedan desk, 24 h", number = "+98 54 0000 0000" }, new { label = "Mirjaveh post", number = "+98 54 0000 0001" } } }));
        Assert.Equal(["Zahedan desk, 24 h=+98 54 0000 0000", "Mirjaveh post=+98 54 0000 0001"], await StoredAsync());

        await Expect.StatusAsync(HttpStatusCode.OK, await PutAsync(_admin, new { hotlines = new[] { new { label = " Saravan post ", number = " +98 54 0000 0002 " } } }));
        Assert.Equal(["Saravan post=+98 54 0000 0002"], await StoredAsync());

        await Expect.StatusAsync(HttpStatusCode.OK, await PutAsync(_admin, new { hotlines = Array.Empty<object>() }));
        Assert.Empty(await StoredAsync());
    }

    [Fact]
    public async Task Put_WithBadLines_NamesEachBadField_AndChangesNothing()
    {
        await Expect.StatusAsync(HttpStatusCode.OK, await PutAsync(_admin, new { hotlines = new[] { new { label = "Zahedan desk", number = "+98 54 0000 0000" } } }));

        var problem = await Expect.ProblemAsync(await PutAsync(_admin, new
        {
            hotlines = new object?[]
            {
                new { label = "", number = "+98 54 0000 0003" },
                new { label = "Call the desk", number = "not a number" },
                new { label = "Twice", number = "+98 54 0000 0003" },
                null,
                new { label = new string('x', 101), number = "+98 54 0000 0004" },
            },
        }), HttpStatusCode.BadRequest);

        Assert.Equal(["hotlines[0].label", "hotlines[1].number", "hotlines[2].number", "hotlines[3]", "hotlines[4].label"],
            problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["Zahedan desk=+98 54 0000 0000"], await StoredAsync());
        var missing = await Expect.ProblemAsync(await PutAsync(_admin, new { }), HttpStatusCode.BadRequest);
        Assert.Equal(["hotlines"], missing.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        var tooMany = await Expect.ProblemAsync(await PutAsync(_admin, new { hotlines = Enumerable.Range(0, 11).Select(i => new { label = $"Line {i}", number = $"+98 54 0000 00{i:D2}" }) }), HttpStatusCode.BadRequest);
        Assert.Equal(["hotlines"], tooMany.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Put_IsForAdministrators_AndAnUnknownPartnerIsNamed()
    {
        var officer = await _node.SignInNewUserAsync("officer", "LiaisonOfficer");
        await Expect.StatusAsync(HttpStatusCode.Forbidden, await PutAsync(officer, new { hotlines = new[] { new { label = "Desk", number = "+98 54 0000 0000" } } }));
        Assert.Empty(await StoredAsync());

        var unknown = await Expect.ProblemAsync(await PutAsync(_admin, new { hotlines = Array.Empty<object>() }, _partner + 100), HttpStatusCode.NotFound);
        Assert.Equal(["id"], unknown.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }
}
