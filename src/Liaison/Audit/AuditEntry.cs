using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Liaison.Protocol.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Audit;

/// <summary>
/// One link of the append-only audit chain. <see cref="Hash"/> is SHA-256 over the RFC 8785 canonical
/// JSON of the row's content and <see cref="PreviousHash"/>; the node signs <see cref="Hash"/> with its
/// Ed25519 key, so a row written by anyone else (straight into the database) does not verify.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
    }

    public long Sequence { get; private set; }

    public DateTime At { get; private set; }

    /// <summary>Who acted: <c>user:NAME</c>, <c>token:ID</c>, <c>cli</c>, <c>anonymous</c>, <c>partner:FINGERPRINT</c>.</summary>
    public string Actor { get; private set; } = "";

    /// <summary>What was done, e.g. <c>account.sign-in</c> or <c>POST /api/account/tokens</c>.</summary>
    public string Action { get; private set; } = "";

    public string? Target { get; private set; }

    /// <summary>success, failure, denied, locked-out… or an HTTP status code.</summary>
    public string Outcome { get; private set; } = "";

    /// <summary>Canonical JSON object with anything else worth keeping.</summary>
    public string Details { get; private set; } = "{}";

    public string? Address { get; private set; }

    public byte[] PreviousHash { get; private set; } = [];

    public byte[] Hash { get; private set; } = [];

    public byte[] Signature { get; private set; } = [];

    public static readonly byte[] GenesisHash = new byte[32];

    internal static AuditEntry Create(long sequence, DateTime at, AuditRecord record, byte[] previousHash, Func<byte[], byte[]> sign)
    {
        var entry = new AuditEntry
        {
            Sequence = sequence,
            // PostgreSQL keeps microseconds; truncate so the hashed value is the stored value on every provider.
            At = new DateTime(at.Ticks - (at.Ticks % 10), DateTimeKind.Utc),
            Actor = record.Actor,
            Action = record.Action,
            Target = record.Target,
            Outcome = record.Outcome,
            Details = CanonicalJson.CanonicalizeToString(record.Details ?? new JsonObject()),
            Address = record.Address,
            PreviousHash = previousHash,
        };
        entry.Hash = entry.ComputeHash();
        entry.Signature = sign(entry.Hash);
        return entry;
    }

    /// <summary>
    /// The sequence number is deliberately outside the hash: order is carried by <see cref="PreviousHash"/>,
    /// which lets verification tell a moved row from an edited one.
    /// </summary>
    public byte[] ComputeHash()
    {
        var content = new JsonObject
        {
            ["at"] = At.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["actor"] = Actor,
            ["action"] = Action,
            ["target"] = Target,
            ["outcome"] = Outcome,
            ["details"] = Details,
            ["address"] = Address,
            ["previous"] = Convert.ToHexStringLower(PreviousHash),
        };
        return SHA256.HashData(CanonicalJson.Canonicalize(content));
    }
}

/// <summary>What a caller asks to be recorded.</summary>
public sealed record AuditRecord(string Actor, string Action, string Outcome, string? Target = null, JsonObject? Details = null, string? Address = null);

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_entries");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.Actor).HasMaxLength(200);
        builder.Property(e => e.Action).HasMaxLength(200);
        builder.Property(e => e.Target).HasMaxLength(400);
        builder.Property(e => e.Outcome).HasMaxLength(50);
        builder.Property(e => e.Address).HasMaxLength(64);
    }
}
