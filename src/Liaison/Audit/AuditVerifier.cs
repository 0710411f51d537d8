using System.Globalization;
using Liaison.Protocol.Signing;
using Liaison.Storage;
using Microsoft.EntityFrameworkCore;

namespace Liaison.Audit;

/// <summary>The outcome of walking the chain: OK with a count, or the first row that breaks it.</summary>
public sealed record AuditVerification(bool Ok, long Rows, long? FirstBadRow, string Message);

/// <summary>How far a walk has got: rows checked out of the rows there are.</summary>
public readonly record struct AuditProgress(long Checked, long Total);

public static class AuditVerifier
{
    private const int ProgressEvery = 500;

    public static Task<AuditVerification> VerifyAsync(LiaisonDbContext db, byte[] nodePublicKey, CancellationToken cancellationToken = default) =>
        VerifyAsync(db, nodePublicKey, progress: null, cancellationToken);

    /// <summary>Walks the chain, reporting progress every few hundred rows and at the end.</summary>
    public static async Task<AuditVerification> VerifyAsync(LiaisonDbContext db, byte[] nodePublicKey, IProgress<AuditProgress>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);

        // Hash → sequence of every row, to tell a moved row from a missing one.
        var positions = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence)
                           .Select(e => new { e.Sequence, e.Hash }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            positions.TryAdd(Convert.ToHexString(row.Hash), row.Sequence);
        }

        long expected = 1;
        var previous = AuditEntry.GenesisHash;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var problem = Check(entry, expected, previous, nodePublicKey, positions);
            if (problem is not null)
            {
                return new AuditVerification(false, expected - 1, Math.Min(entry.Sequence, expected), problem);
            }

            previous = entry.Hash;
            if (progress is not null && expected % ProgressEvery == 0)
            {
                progress.Report(new AuditProgress(expected, positions.Count));
            }

            expected++;
        }

        var count = expected - 1;
        progress?.Report(new AuditProgress(count, positions.Count));
        return new AuditVerification(true, count, null, string.Create(CultureInfo.InvariantCulture, $"OK: {count} rows, chain intact"));
    }

    private static string? Check(AuditEntry entry, long expected, byte[] previous, byte[] publicKey, Dictionary<string, long> positions)
    {
        if (entry.Sequence != expected)
        {
            return Invariant($"row {expected} is missing: deleted (the next row present is {entry.Sequence})");
        }

        if (!entry.ComputeHash().AsSpan().SequenceEqual(entry.Hash))
        {
            return Invariant($"row {expected} was edited: its content does not match its hash");
        }

        if (!NodeKey.Verify(publicKey, entry.Hash, entry.Signature))
        {
            return Invariant($"row {expected} was not written by this node: inserted (its signature does not verify)");
        }

        if (!entry.PreviousHash.AsSpan().SequenceEqual(previous))
        {
            return positions.TryGetValue(Convert.ToHexString(entry.PreviousHash), out var after)
                ? Invariant($"row {expected} is out of order: it was written after row {after} (rows were reordered)")
                : Invariant($"row {expected} does not follow row {expected - 1}: a row before it was deleted or replaced");
        }

        return null;
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
