using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Audit;

/// <summary>Appends to the audit chain. Safe to call from many requests and from several node instances.</summary>
public sealed class AuditLog(IServiceScopeFactory scopes, NodeKey key, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LiaisonDbContext>();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await AppendAsync(db, record, key, time, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// Appends with a fresh context. Another instance may take the same sequence number first; the primary
    /// key refuses the second insert and we retry on top of the new head, so the chain never forks.
    /// </summary>
    public static async Task AppendAsync(LiaisonDbContext db, AuditRecord record, NodeKey key, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(time);
        for (var attempt = 1; ; attempt++)
        {
            var head = await db.AuditEntries.AsNoTracking()
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync(cancellationToken);
            var entry = AuditEntry.Create(
                (head?.Sequence ?? 0) + 1,
                time.GetUtcNow().UtcDateTime,
                record,
                head?.Hash ?? AuditEntry.GenesisHash,
                hash => key.Sign(hash));
            db.AuditEntries.Add(entry);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                db.Entry(entry).State = EntityState.Detached;
                return;
            }
            catch (DbUpdateException) when (attempt < 20)
            {
                db.Entry(entry).State = EntityState.Detached;
            }
        }
    }
}
