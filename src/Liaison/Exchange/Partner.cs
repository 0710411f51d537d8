using Liaison.Features.Alerts;
using Liaison.Features.Officers;
using Liaison.Features.Parties;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Liaison.Exchange;

/// <summary>
/// Pending: this side pinned the partner's key with <c>liaison pair</c> and waits for the partner to pin ours.
/// Trusted: both sides pinned each other; records flow both ways. Suspended: an administrator stopped the link;
/// nothing is sent or accepted, and what would have been sent waits in the outbox.
/// </summary>
public enum PartnerState
{
    Pending,
    Trusted,
    Suspended,
}

/// <summary>
/// Another party's node this node exchanges with. Pinned by the fingerprint of its Ed25519 key, exchanged
/// out of band (DESIGN §3), and by the fingerprint of its TLS certificate, learnt from its signed self-description.
/// </summary>
public sealed class Partner
{
    private readonly List<Hotline> _hotlines = [];

    private Partner()
    {
    }

    public Partner(Party party, Uri baseUrl, byte[] publicKey, string keyFingerprint, string? tlsFingerprint, bool allowInsecureHttp, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(baseUrl);
        Party = party;
        BaseUrl = baseUrl.ToString();
        PublicKey = publicKey;
        KeyFingerprint = keyFingerprint;
        TlsFingerprint = tlsFingerprint;
        AllowInsecureHttp = allowInsecureHttp;
        State = PartnerState.Pending;
        PairedAt = now;
    }

    public int Id { get; private set; }

    public int PartyId { get; private set; }

    public Party Party { get; private set; } = null!;

    /// <summary>The partner node's base address, ending in <c>/</c>; its TAXII discovery is <c>taxii2/</c> under it.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>Raw 32-byte Ed25519 public key that signs the partner's requests and responses.</summary>
    public byte[] PublicKey { get; private set; } = [];

    public string KeyFingerprint { get; private set; } = "";

    public string? TlsFingerprint { get; private set; }

    public bool AllowInsecureHttp { get; private set; }

    public PartnerState State { get; private set; }

    public DateTime PairedAt { get; private set; }

    public DateTime? TrustedAt { get; private set; }

    /// <summary>Last time a correctly signed message from the partner arrived, or a signed answer came back.</summary>
    public DateTime? LastContactAt { get; private set; }

    public DateTime? LastFailureAt { get; private set; }

    public string? LastFailure { get; private set; }

    /// <summary>Failed attempts to reach the partner since the last success; 0 means the link is healthy.</summary>
    public int ConsecutiveFailures { get; private set; }

    /// <summary>TAXII <c>date_added</c> of the last object pulled from the partner; the next poll asks for what came after.</summary>
    public string? PullCursor { get; private set; }

    public DateTime? LastPullAt { get; private set; }

    /// <summary>Acknowledgement window for FLASH alerts on this link, in seconds; null means the default.</summary>
    public int? FlashAckSeconds { get; private set; }

    /// <summary>Acknowledgement window for IMMEDIATE alerts, in seconds; null means the default.</summary>
    public int? ImmediateAckSeconds { get; private set; }

    /// <summary>Acknowledgement window for PRIORITY alerts, in seconds; null means the default.</summary>
    public int? PriorityAckSeconds { get; private set; }

    /// <summary>Acknowledgement window for ROUTINE alerts, in seconds; null means the default.</summary>
    public int? RoutineAckSeconds { get; private set; }

    public Uri Address => new(BaseUrl);

    /// <summary>How long the partner has to acknowledge an alert of <paramref name="precedence"/>, as agreed for this link.</summary>
    public TimeSpan AckWindow(Precedence precedence) => (precedence switch
    {
        Precedence.Flash => FlashAckSeconds,
        Precedence.Immediate => ImmediateAckSeconds,
        Precedence.Priority => PriorityAckSeconds,
        _ => RoutineAckSeconds,
    }) is { } seconds ? TimeSpan.FromSeconds(seconds) : Precedences.DefaultWindow(precedence);

    /// <summary>Whether the window of <paramref name="precedence"/> is the default rather than one agreed for this link.</summary>
    public bool IsDefaultAckWindow(Precedence precedence) => precedence switch
    {
        Precedence.Flash => FlashAckSeconds,
        Precedence.Immediate => ImmediateAckSeconds,
        Precedence.Priority => PriorityAckSeconds,
        _ => RoutineAckSeconds,
    } is null;

    /// <summary>Sets the agreed windows; a precedence left out goes back to its default.</summary>
    public void SetAckWindows(IReadOnlyDictionary<Precedence, TimeSpan> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        int? Of(Precedence p) => windows.TryGetValue(p, out var w) ? (int)w.TotalSeconds : null;
        FlashAckSeconds = Of(Precedence.Flash);
        ImmediateAckSeconds = Of(Precedence.Immediate);
        PriorityAckSeconds = Of(Precedence.Priority);
        RoutineAckSeconds = Of(Precedence.Routine);
    }

    /// <summary>The partner's hotline numbers (labelled), set by an administrator of this node.</summary>
    public IReadOnlyList<Hotline> Hotlines => _hotlines;

    /// <summary>Replaces the hotline numbers; already validated.</summary>
    public void SetHotlines(IEnumerable<Hotline> hotlines)
    {
        ArgumentNullException.ThrowIfNull(hotlines);
        _hotlines.Clear();
        _hotlines.AddRange(hotlines.Select(h => new Hotline(h.Label, h.Number)));
    }

    public Uri CollectionObjectsUrl => new(Address, ExchangeCollection.ObjectsPath.TrimStart('/'));

    public void UpdateEndpoint(Uri baseUrl, string? tlsFingerprint, bool allowInsecureHttp)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        BaseUrl = baseUrl.ToString();
        TlsFingerprint = tlsFingerprint;
        AllowInsecureHttp = allowInsecureHttp;
    }

    /// <summary>The partner proved it pinned our key (a correctly signed pairing call or answer).</summary>
    public bool Trust(DateTime now)
    {
        if (State != PartnerState.Pending)
        {
            return false;
        }

        State = PartnerState.Trusted;
        TrustedAt = now;
        return true;
    }

    public void Suspend() => State = PartnerState.Suspended;

    public void Resume() => State = TrustedAt is null ? PartnerState.Pending : PartnerState.Trusted;

    /// <summary>Records a working contact; answers whether the link was down before (a reconnection).</summary>
    public bool RecordContact(DateTime now)
    {
        var reconnected = ConsecutiveFailures > 0;
        LastContactAt = now;
        ConsecutiveFailures = 0;
        return reconnected;
    }

    public void RecordFailure(DateTime now, string reason)
    {
        LastFailureAt = now;
        LastFailure = reason.Length > 2000 ? reason[..2000] : reason;
        ConsecutiveFailures++;
    }

    public void RecordPull(DateTime now, string? cursor)
    {
        LastPullAt = now;
        if (cursor is not null)
        {
            PullCursor = cursor;
        }
    }
}

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> builder)
    {
        builder.ToTable("partners");
        builder.HasOne(p => p.Party).WithMany().HasForeignKey(p => p.PartyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.PartyId).IsUnique();
        builder.HasIndex(p => p.KeyFingerprint).IsUnique();
        builder.Property(p => p.BaseUrl).HasMaxLength(500);
        builder.Property(p => p.KeyFingerprint).HasMaxLength(80);
        builder.Property(p => p.TlsFingerprint).HasMaxLength(80);
        builder.Property(p => p.State).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.LastFailure).HasMaxLength(2000);
        builder.Property(p => p.PullCursor).HasMaxLength(40);
        // Read and replaced whole with the link, never queried alone: one JSON column.
        builder.OwnsMany(p => p.Hotlines, h => h.ToJson("Hotlines"));
        builder.Navigation(p => p.Hotlines).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
