namespace Liaison.Protocol.Http;

/// <summary>The outcome of <see cref="NonceCache.Remember"/>.</summary>
public enum NonceCheck
{
    /// <summary>The nonce was not seen before and is now remembered.</summary>
    Fresh = 0,

    /// <summary>The nonce was already seen for this key and has not expired: a replay.</summary>
    Replayed = 1,

    /// <summary>The cache is at capacity with unexpired nonces, so freshness cannot be decided.</summary>
    Full = 2,
}

/// <summary>
/// Remembers <c>(keyid, nonce)</c> pairs of accepted signatures until the signature could no longer be
/// accepted anyway, so a captured message cannot be replayed within the time window (RFC 9421 §7.2.2).
/// Thread-safe; memory is bounded by <see cref="Capacity"/>.
/// </summary>
/// <remarks>
/// When full of unexpired entries the cache refuses new nonces instead of evicting old ones:
/// forgetting an unexpired nonce would silently reopen a replay window for it, whereas refusing
/// fails closed and visibly (the sender retries later with a new signature). Only nonces of
/// signatures that already verified should be remembered, so strangers cannot fill the cache.
/// </remarks>
public sealed class NonceCache
{
    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private readonly Dictionary<(string KeyId, string Nonce), DateTimeOffset> _seen = [];
    private readonly PriorityQueue<(string KeyId, string Nonce), DateTimeOffset> _expiries = new();

    /// <summary>Creates an empty cache.</summary>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="retention">
    /// How long a nonce is kept when the caller gives no expiry. With a ±W acceptance window a
    /// message can be replayed for up to 2W after it is first seen, so use at least twice the window.
    /// </param>
    /// <param name="capacity">The most unexpired nonces held at once.</param>
    public NonceCache(TimeProvider timeProvider, TimeSpan retention, int capacity = 100_000)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(retention, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _timeProvider = timeProvider;
        Retention = retention;
        Capacity = capacity;
    }

    /// <summary>How long a nonce is kept when no expiry is given.</summary>
    public TimeSpan Retention { get; }

    /// <summary>The most unexpired nonces held at once.</summary>
    public int Capacity { get; }

    /// <summary>The number of nonces currently held, expired ones included until the next call evicts them.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _seen.Count;
            }
        }
    }

    /// <summary>Remembers a nonce unless it is a replay or the cache is full.</summary>
    /// <param name="keyId">The signing key's id; nonces are scoped per key.</param>
    /// <param name="nonce">The signature's nonce.</param>
    /// <param name="expiresAt">When the signature stops being acceptable; now plus <see cref="Retention"/> when <see langword="null"/>.</param>
    /// <returns><see langword="true"/> only if the nonce was fresh and is now remembered.</returns>
    public bool TryRemember(string keyId, string nonce, DateTimeOffset? expiresAt = null) =>
        Remember(keyId, nonce, expiresAt) == NonceCheck.Fresh;

    /// <summary>Remembers a nonce unless it is a replay or the cache is full, and says which.</summary>
    /// <param name="keyId">The signing key's id; nonces are scoped per key.</param>
    /// <param name="nonce">The signature's nonce.</param>
    /// <param name="expiresAt">When the signature stops being acceptable; now plus <see cref="Retention"/> when <see langword="null"/>.</param>
    public NonceCheck Remember(string keyId, string nonce, DateTimeOffset? expiresAt = null)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        ArgumentNullException.ThrowIfNull(nonce);
        var now = _timeProvider.GetUtcNow();
        var expiry = expiresAt ?? now + Retention;
        var key = (keyId, nonce);
        lock (_lock)
        {
            EvictExpired(now);
            if (_seen.TryGetValue(key, out var existing) && existing > now)
            {
                return NonceCheck.Replayed;
            }

            if (expiry <= now)
            {
                // Already unacceptable: nothing to protect, so nothing to hold.
                return NonceCheck.Fresh;
            }

            if (_seen.Count >= Capacity)
            {
                return NonceCheck.Full;
            }

            _seen[key] = expiry;
            _expiries.Enqueue(key, expiry);
            return NonceCheck.Fresh;
        }
    }

    private void EvictExpired(DateTimeOffset now)
    {
        while (_expiries.TryPeek(out var key, out var expiry) && expiry <= now)
        {
            _expiries.Dequeue();
            if (_seen.TryGetValue(key, out var current) && current <= now)
            {
                _seen.Remove(key);
            }
        }
    }
}
