using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Liaison.Audit;
using Liaison.Exchange.Signatures;
using Liaison.Live;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Liaison.Exchange;

/// <summary>
/// Anti-entropy: polls each trusted partner's TAXII collection for what it released to this node since the last
/// poll (<c>added_after</c> = the last <c>X-TAXII-Date-Added-Last</c> seen, page after page while <c>more</c>), so a
/// push that was lost is repaired. A poll with nothing new is one request answered with an empty envelope.
/// </summary>
public sealed class Puller(
    IServiceScopeFactory scopes, IServiceProvider services, TimeProvider time, IOptions<ExchangeOptions> options, ILogger<Puller> logger) : IDisposable
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _gates = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly ConcurrentQueue<int> _woken = new();

    public void Dispose()
    {
        _wake.Dispose();
        foreach (var gate in _gates.Values)
        {
            gate.Dispose();
        }
    }

    /// <summary>Asks the background loop to poll a partner now (after a reconnection).</summary>
    public void Wake(int partnerId)
    {
        _woken.Enqueue(partnerId);
        _wake.Release();
    }

    internal async Task<int?> WaitForWakeAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _wake.WaitAsync(timeout, cancellationToken) && _woken.TryDequeue(out var id) ? id : null;

    /// <summary>Polls every trusted partner once; returns the number of new object versions taken in.</summary>
    public async Task<int> PullAllAsync(CancellationToken cancellationToken = default)
    {
        List<int> partners;
        using (var scope = scopes.CreateScope())
        {
            partners = await scope.ServiceProvider.GetRequiredService<LiaisonDbContext>().Partners.AsNoTracking()
                .Where(p => p.State == PartnerState.Trusted).Select(p => p.Id).ToListAsync(cancellationToken);
        }

        var added = 0;
        foreach (var id in partners)
        {
            added += await PullAsync(id, cancellationToken);
        }

        return added;
    }

    /// <summary>Polls one partner until its collection has nothing more for this node.</summary>
    public async Task<int> PullAsync(int partnerId, CancellationToken cancellationToken = default)
    {
        var gate = _gates.GetOrAdd(partnerId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var added = 0;
            for (var page = 0; page < 100_000; page++)
            {
                using var scope = scopes.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
                var partner = await db.Partners.Include(p => p.Party).SingleAsync(p => p.Id == partnerId, cancellationToken);
                if (partner.State != PartnerState.Trusted)
                {
                    return added;
                }

                var now = time.GetUtcNow().UtcDateTime;
                var query = $"?match[version]=all&limit={options.Value.PullPage}"
                    + (partner.PullCursor is { } cursor ? $"&added_after={Uri.EscapeDataString(cursor)}" : "");
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(partner.CollectionObjectsUrl + query));
                request.Headers.Accept.ParseAdd(Relay.TaxiiMediaType);

                HttpResponseMessage response;
                try
                {
                    response = await services.GetRequiredService<IPartnerClients>().For(partner).SendAsync(request, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    partner.RecordFailure(now, $"pull from {partner.BaseUrl} failed: {ex.Message}");
                    await PartnerLink.SaveAsync(db, partner, cancellationToken);
                    logger.LogWarning("Pull from {Partner} failed: {Reason}", partner.Party.Name, ex.Message);
                    return added;
                }

                using (response)
                {
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        partner.RecordFailure(now, $"pull from {partner.BaseUrl} answered {(int)response.StatusCode}");
                        await PartnerLink.SaveAsync(db, partner, cancellationToken);
                        return added;
                    }

                    // date_added is unique and commit-ordered in every view, so the next page is simply "after the
                    // last one seen": the cursor moves page by page and a crash mid-pull resumes where it stopped.
                    var (objects, more, _) = ReadEnvelope(text);
                    var last = response.Headers.TryGetValues("X-TAXII-Date-Added-Last", out var values) ? values.FirstOrDefault() : null;
                    if (objects.Count > 0)
                    {
                        var results = await Ingest.ReceiveAsync(db, time, partner, objects, cancellationToken, services.GetService<AuditLog>(), services.GetService<DeskEvents>());
                        added += results.Count(r => r.Added);
                        foreach (var failed in results.Where(r => !r.Success))
                        {
                            logger.LogWarning("Pulled object {Id} from {Partner} refused: {Reason}", failed.Id, partner.Party.Name, failed.Message);
                        }
                    }

                    if (partner.RecordContact(now))
                    {
                        logger.LogInformation("Link to {Partner} is back", partner.Party.Name);
                    }

                    partner.RecordPull(now, objects.Count > 0 ? last : null);
                    await PartnerLink.SaveAsync(db, partner, cancellationToken);
                    if (!more || last is null)
                    {
                        return added;
                    }
                }
            }

            return added;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The objects of a TAXII 2.1 envelope (§3.7) as raw JSON texts, and its paging members.</summary>
    public static (IReadOnlyList<string> Objects, bool More, string? Next) ReadEnvelope(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ([], false, null);
        }

        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var objects = root.TryGetProperty("objects", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(o => o.GetRawText()).ToList()
            : [];
        var more = root.TryGetProperty("more", out var m) && m.ValueKind == JsonValueKind.True;
        var next = root.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return (objects, more, next);
    }
}
