using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Exchange;

public enum DeliveryState
{
    /// <summary>Waiting for the relay (first try, or a retry after a failure).</summary>
    Pending,

    /// <summary>The partner's signed TAXII status listed the object as a success; the receipt is kept.</summary>
    Delivered,

    /// <summary>The partner refused the object, or it failed more times than the retry budget: an administrator decides.</summary>
    DeadLetter,
}

/// <summary>
/// One object version released to one partner. The rows for a partner are at once its outbox (what the relay
/// pushes) and its TAXII feed (what it may pull): an object reaches a partner only through a row here, and a row
/// is written only when <see cref="ReleasePolicy"/> allows it, in the same transaction as the object.
/// </summary>
public sealed class Delivery
{
    private Delivery()
    {
    }

    internal Delivery(int partnerId, SharedObject obj, DateTime addedAt)
    {
        PartnerId = partnerId;
        Shared = obj;
        AddedAt = addedAt;
        NextAttemptAt = DueAtOnce;
        State = DeliveryState.Pending;
    }

    internal static Delivery ForBackfill(int partnerId, long objectSeq, DateTime addedAt) => new()
    {
        PartnerId = partnerId,
        ObjectSeq = objectSeq,
        AddedAt = addedAt,
        NextAttemptAt = DueAtOnce,
        State = DeliveryState.Pending,
    };

    /// <summary>
    /// New rows are due at once. Not <see cref="AddedAt"/>: appends keep that strictly increasing, so it may run
    /// ahead of the clock by a few microseconds, and a row must never wait for a clock to catch up.
    /// </summary>
    private static readonly DateTime DueAtOnce = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public long Seq { get; private set; }

    public int PartnerId { get; private set; }

    public Partner Partner { get; private set; } = null!;

    public long ObjectSeq { get; private set; }

    public SharedObject Shared { get; private set; } = null!;

    /// <summary>The TAXII <c>date_added</c> of the object in this partner's collection; strictly increasing.</summary>
    public DateTime AddedAt { get; private set; }

    public DeliveryState State { get; private set; }

    public int Attempts { get; private set; }

    public DateTime NextAttemptAt { get; private set; }

    public string? LastError { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

    public long? ReceiptId { get; private set; }

    public void Delivered(long receiptId, DateTime now)
    {
        State = DeliveryState.Delivered;
        ReceiptId = receiptId;
        DeliveredAt = now;
        LastError = null;
    }

    /// <summary>A transport failure: try again later, with exponential backoff, until the budget is spent.</summary>
    public void Failed(string reason, DateTime now, RetrySchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Attempts++;
        LastError = Trim(reason);
        if (Attempts >= schedule.MaxAttempts)
        {
            State = DeliveryState.DeadLetter;
            return;
        }

        NextAttemptAt = now + schedule.Delay(Attempts, Seq);
    }

    /// <summary>The partner refused the object itself (ownership, schema): retrying unchanged would not help.</summary>
    public void Refused(string reason, long? receiptId)
    {
        Attempts++;
        State = DeliveryState.DeadLetter;
        LastError = Trim(reason);
        ReceiptId = receiptId;
    }

    /// <summary>An administrator sends a dead letter again.</summary>
    public void Retry(DateTime now)
    {
        State = DeliveryState.Pending;
        Attempts = 0;
        NextAttemptAt = now;
    }

    private static string Trim(string reason) => reason.Length > 2000 ? reason[..2000] : reason;
}

/// <summary>Exponential backoff with a cap and a deterministic spread, so partners coming back are not stampeded.</summary>
public sealed record RetrySchedule(TimeSpan First, TimeSpan Cap, int MaxAttempts)
{
    public static RetrySchedule Default { get; } = new(TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), 1000);

    public TimeSpan Delay(int attempt, long seed)
    {
        var exponential = First.TotalMilliseconds * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = Math.Min(exponential, Cap.TotalMilliseconds);
        // Up to +25 %, fixed per row: retries of many rows spread out, and tests can predict them.
        var spread = capped * 0.25 * ((seed * 2654435761L & 0xFFFF) / 65535.0);
        return TimeSpan.FromMilliseconds(capped + spread);
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> builder)
    {
        builder.ToTable("deliveries");
        builder.HasKey(d => d.Seq);
        builder.Property(d => d.Seq).ValueGeneratedOnAdd();
        builder.HasOne(d => d.Partner).WithMany().HasForeignKey(d => d.PartnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.Shared).WithMany().HasForeignKey(d => d.ObjectSeq).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.LastError).HasMaxLength(2000);
        builder.HasIndex(d => new { d.PartnerId, d.ObjectSeq }).IsUnique();
        builder.HasIndex(d => new { d.PartnerId, d.Seq });
        builder.HasIndex(d => new { d.PartnerId, d.AddedAt }).IsUnique();
        builder.HasIndex(d => new { d.State, d.NextAttemptAt });
    }
}
