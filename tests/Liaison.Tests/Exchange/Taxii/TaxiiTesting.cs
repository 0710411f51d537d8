using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Liaison.Exchange;
using Liaison.Features.Parties;
using Liaison.Protocol.Stix;
using Liaison.Storage;
using Liaison.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Liaison.Tests.Exchange.Taxii;

/// <summary>Requests as a TAXII 2.1 client sends them, and objects put straight into a node's shared store.</summary>
internal static class TaxiiTesting
{
    public const string MediaType = "application/taxii+json;version=2.1";

    public static string Discovery => ExchangeCollection.DiscoveryPath;

    public static string ApiRoot => ExchangeCollection.ApiRootPath;

    public static string Collection => $"{ExchangeCollection.ApiRootPath}collections/{ExchangeCollection.Id}/";

    public static string Objects => ExchangeCollection.ObjectsPath;

    public static string Manifest => $"{Collection}manifest/";

    public static string Object(string id) => $"{Objects}{id}/";

    public static string Versions(string id) => $"{Objects}{id}/versions/";

    /// <summary>A local account with <paramref name="role"/>, reading with a <c>Bearer lia_…</c> token as a script would.</summary>
    public static async Task<HttpClient> TokenClientAsync(TestNode node, string userName, string role)
    {
        var session = await node.SignInNewUserAsync(userName, role);
        var token = await CreateTokenAsync(session);
        var client = new HttpClient { BaseAddress = node.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Accept.ParseAdd(MediaType);
        return client;
    }

    public static async Task<string> CreateTokenAsync(HttpClient session)
    {
        var response = await session.PostAsJsonAsync("/api/account/tokens", new { name = "taxii client" });
        await Expect.StatusAsync(HttpStatusCode.Created, response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public static AuthenticationHeaderValue Basic(string userName, string password) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{password}")));

    /// <summary>GETs a TAXII resource, expecting 200 and the TAXII media type.</summary>
    public static async Task<(JsonElement Body, HttpResponseMessage Response)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        await Expect.StatusAsync(HttpStatusCode.OK, response);
        AssertTaxiiMediaType(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), response);
    }

    /// <summary>Expects a TAXII error resource (TAXII 2.1 §3.6.1) with this status, in the TAXII media type.</summary>
    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        await Expect.StatusAsync(status, response);
        AssertTaxiiMediaType(response);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(error.GetProperty("title").GetString()));
        Assert.Equal(((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture), error.GetProperty("http_status").GetString());
        return error;
    }

    public static void AssertTaxiiMediaType(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType;
        Assert.Equal("application/taxii+json", type?.MediaType);
        Assert.Contains(type!.Parameters, p => p.Name == "version" && p.Value == "2.1");
    }

    public static IReadOnlyList<JsonElement> ObjectsOf(JsonElement envelope) =>
        envelope.TryGetProperty("objects", out var objects) ? [.. objects.EnumerateArray()] : [];

    public static IReadOnlyList<string> IdsOf(JsonElement envelope) => [.. ObjectsOf(envelope).Select(o => o.GetProperty("id").GetString()!)];

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    /// <summary>Follows <c>next</c> until <c>more</c> is false; answers every object (id, version) in the order served, and the pages.</summary>
    public static async Task<(List<(string Id, string Version)> Objects, int Pages)> PageThroughAsync(HttpClient client, string query)
    {
        var seen = new List<(string, string)>();
        string? next = null;
        var pages = 0;
        while (true)
        {
            var path = $"{Objects}?{query}" + (next is null ? "" : $"&next={Uri.EscapeDataString(next)}");
            var (envelope, _) = await GetAsync(client, path);
            pages++;
            seen.AddRange(ObjectsOf(envelope).Select(o => (o.GetProperty("id").GetString()!, o.GetProperty("modified").GetString()!)));
            var more = envelope.TryGetProperty("more", out var m) && m.GetBoolean();
            if (!more)
            {
                Assert.False(envelope.TryGetProperty("next", out _), "next only comes with more (TAXII 2.1 §3.7)");
                return (seen, pages);
            }

            next = envelope.GetProperty("next").GetString();
            Assert.False(string.IsNullOrEmpty(next));
        }
    }

    public static async Task<Party> SelfAsync(TestNode node)
    {
        using var scope = node.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Parties.AsNoTracking().SelfAsync();
    }

    /// <summary>A location issued by this node, marked with <paramref name="tlp"/>; give <paramref name="id"/> to make another version.</summary>
    public static Location NewLocation(Party self, TestNode node, TlpLevel tlp = TlpLevel.Green, StixId? id = null, DateTimeOffset? modified = null)
    {
        var created = TestNode.Start.AddDays(-1);
        return new Location
        {
            Id = id ?? StixId.NewRandom(Liaison.Protocol.Stix.Location.TypeName),
            Created = created,
            Modified = modified ?? node.Time.GetUtcNow(),
            CreatedByRef = StixId.Parse(self.StixId),
            Latitude = 27.2,
            Longitude = 61.9,
            ObjectMarkingRefs = [Tlp.IdOf(tlp)],
        };
    }

    /// <summary>Appends objects this node issued, as a publish does, each batch in one serialized transaction.</summary>
    public static async Task AppendAsync(TestNode node, IEnumerable<IStixObject> objects)
    {
        using var scope = node.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        var self = await db.Parties.AsNoTracking().SelfAsync();
        await using var transaction = await Feed.BeginAsync(db, default);
        await Feed.AppendAsync(db, node.Time, [.. objects.Select(o => new Feed.Item(StoredStix.Of(o), self.Id, new ReleaseFacts(self.Id, null, [], [])))], default);
        await transaction.CommitAsync();
    }

    /// <summary>A context on the node's database that counts the SQL commands it sends.</summary>
    public static (LiaisonDbContext Db, CommandCounter Counter) CountingContext(TestNode node)
    {
        var counter = new CommandCounter();
        var options = new DbContextOptionsBuilder<SqliteLiaisonDbContext>();
        StorageSetup.ConfigureSqlite(options, node.Settings.Database.ConnectionString);
        options.AddInterceptors(counter);
        return (new SqliteLiaisonDbContext(options.Options), counter);
    }
}

/// <summary>Counts the commands EF Core sends, and keeps their text.</summary>
internal sealed class CommandCounter : DbCommandInterceptor
{
    private readonly List<string> _commands = [];

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
            {
                return [.. _commands];
            }
        }
    }

    public void Reset()
    {
        lock (_commands)
        {
            _commands.Clear();
        }
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Record(DbCommand command)
    {
        lock (_commands)
        {
            _commands.Add(command.CommandText);
        }
    }
}
