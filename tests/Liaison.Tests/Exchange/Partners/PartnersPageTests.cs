using System.Net;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Protocol.Signing;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange.Partners;

/// <summary>The administrator's partners page as the server first renders it.</summary>
public sealed class PartnersPageTests : IAsyncLifetime
{
    private TestNode _node = null!;

    public async Task InitializeAsync() => _node = await TestNode.StartAsync();

    public async Task DisposeAsync() => await _node.DisposeAsync();

    [Fact]
    public async Task Page_ListsPartners_AndShowsThisNodesFingerprints_InEachLanguage()
    {
        using (var scope = _node.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
            var now = _node.Time.GetUtcNow().UtcDateTime;
            using var key = NodeKey.Generate();
            var partner = new Partner(new Party(StixId.NewRandom(Identity.TypeName).ToString(), "Sistan Desk", "IR", false, now), new Uri("http://127.0.0.1:9/"), key.PublicKey, key.Fingerprint, null, false, now);
            partner.Trust(now);
            partner.Suspend();
            db.Add(partner);
            await db.SaveChangesAsync();
        }

        var (admin, _, _) = await _node.SignInAdministratorAsync();
        var english = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/partners"));
        Assert.Contains("Partner nodes", english, StringComparison.Ordinal);
        Assert.Contains("Sistan Desk", english, StringComparison.Ordinal);
        Assert.Contains("Suspended", english, StringComparison.Ordinal);
        Assert.Contains(_node.Services.GetRequiredService<NodeKey>().Fingerprint, english, StringComparison.Ordinal);
        Assert.Contains("href=\"admin/partners\"", english, StringComparison.Ordinal);

        await admin.GetAsync("/culture/set?culture=fa&returnUrl=/admin/partners");
        Assert.Contains("گره‌های همتا", WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/partners")), StringComparison.Ordinal);
        await admin.GetAsync("/culture/set?culture=ur&returnUrl=/admin/partners");
        Assert.Contains("شراکت دار نوڈ", WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/partners")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_IsNotShownToNonAdministrators()
    {
        using var analyst = await _node.SignInNewUserAsync("analyst", "Analyst");
        var response = await analyst.GetAsync("/admin/partners");
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Partner nodes", body, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"admin/partners\"", body, StringComparison.Ordinal);
    }
}
