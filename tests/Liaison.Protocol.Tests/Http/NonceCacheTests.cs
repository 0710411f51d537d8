using Microsoft.Extensions.Time.Testing;
using Liaison.Protocol.Http;

namespace Liaison.Protocol.Tests.Http;

public class NonceCacheTests
{
    private readonly FakeTimeProvider _time = new(SigningFixture.Now);

    [Fact]
    public void SameNonceTwice_IsAReplay()
    {
        var cache = new NonceCache(_time, TimeSpan.FromMinutes(10));

        Assert.True(cache.TryRemember("k", "n"));
        Assert.False(cache.TryRemember("k", "n"));
        Assert.Equal(NonceCheck.Replayed, cache.Remember("k", "n"));
    }

    [Fact]
    public void SameNonceUnderAnotherKey_IsFresh()
    {
        var cache = new NonceCache(_time, TimeSpan.FromMinutes(10));

        Assert.True(cache.TryRemember("k1", "n"));
        Assert.True(cache.TryRemember("k2", "n"));
    }

    [Fact]
    public void AfterRetention_TheNonceIsForgotten()
    {
        var cache = new NonceCache(_time, TimeSpan.FromMinutes(10));
        cache.TryRemember("k", "n");

        _time.Advance(TimeSpan.FromMinutes(10));

        Assert.True(cache.TryRemember("k", "n"));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void WhenFull_RefusesRatherThanForgettingUnexpiredNonces()
    {
        var cache = new NonceCache(_time, TimeSpan.FromMinutes(10), capacity: 2);
        cache.TryRemember("k", "a");
        cache.TryRemember("k", "b");

        Assert.Equal(NonceCheck.Full, cache.Remember("k", "c"));
        Assert.Equal(NonceCheck.Replayed, cache.Remember("k", "a"));
    }

    [Fact]
    public void WhenFull_ExpiredEntriesAreEvictedToMakeRoom()
    {
        var cache = new NonceCache(_time, TimeSpan.FromMinutes(10), capacity: 2);
        cache.TryRemember("k", "a", _time.GetUtcNow().AddMinutes(1));
        cache.TryRemember("k", "b");

        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(NonceCheck.Fresh, cache.Remember("k", "c"));
        Assert.Equal(NonceCheck.Replayed, cache.Remember("k", "b"));
    }

    [Fact]
    public void AlreadyExpired_IsNotHeld()
    {
        var cache = new NonceCache(_time, TimeSpan.FromMinutes(10));

        Assert.True(cache.TryRemember("k", "n", _time.GetUtcNow().AddSeconds(-1)));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task ConcurrentSameNonce_ExactlyOneWins()
    {
        var cache = new NonceCache(_time, TimeSpan.FromMinutes(10));

        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => cache.TryRemember("k", "n"))));

        Assert.Single(results, r => r);
    }
}
