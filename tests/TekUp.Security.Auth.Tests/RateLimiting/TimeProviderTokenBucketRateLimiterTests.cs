using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Time.Testing;
using TekUp.Security.Auth.RateLimiting;

namespace TekUp.Security.Auth.Tests.RateLimiting;

public sealed class TimeProviderTokenBucketRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    private TimeProviderTokenBucketRateLimiter Create(int limit = 3, int perPeriod = 1, double periodSeconds = 10) =>
        new(new TokenBucketSettings { TokenLimit = limit, TokensPerPeriod = perPeriod, ReplenishmentPeriod = TimeSpan.FromSeconds(periodSeconds) }, _time);

    [Fact]
    public void AttemptAcquire_BeyondBurst_RefusedWithExactRetryAfter()
    {
        var limiter = Create();
        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.AttemptAcquire().IsAcquired);
        }

        var refused = limiter.AttemptAcquire();

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.Equal(TimeSpan.FromSeconds(10), retryAfter);
    }

    [Fact]
    public void AttemptAcquire_AfterFakeClockAdvances_Replenishes()
    {
        var limiter = Create();
        for (var i = 0; i < 3; i++)
        {
            limiter.AttemptAcquire();
        }

        _time.Advance(TimeSpan.FromSeconds(9.9));
        Assert.False(limiter.AttemptAcquire().IsAcquired);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(limiter.AttemptAcquire().IsAcquired);
        Assert.False(limiter.AttemptAcquire().IsAcquired);
    }

    [Fact]
    public void AttemptAcquire_RefillNeverExceedsLimit()
    {
        var limiter = Create();
        _time.Advance(TimeSpan.FromHours(1));

        var admitted = Enumerable.Range(0, 10).Count(_ => limiter.AttemptAcquire().IsAcquired);

        Assert.Equal(3, admitted);
    }

    [Fact]
    public void AttemptAcquire_RefusedTwice_OnlyFirstIsMarkedFirst()
    {
        var limiter = Create(limit: 1);
        limiter.AttemptAcquire();

        var first = (TokenBucketLease.Refused)limiter.AttemptAcquire();
        var second = (TokenBucketLease.Refused)limiter.AttemptAcquire();

        Assert.True(first.IsFirstRefusal);
        Assert.False(second.IsFirstRefusal);
    }

    [Fact]
    public void IdleDuration_FullBucket_IsNotNull_AndDrainedIsNull()
    {
        var limiter = Create();
        Assert.NotNull(limiter.IdleDuration);

        limiter.AttemptAcquire();

        Assert.Null(limiter.IdleDuration);
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(TimeSpan.FromSeconds(5), limiter.IdleDuration);
    }

    [Fact]
    public void AttemptAcquire_SuccessfulPermit_DoesNotAllocate()
    {
        var limiter = Create(limit: 1000, perPeriod: 1000, periodSeconds: 1);
        limiter.AttemptAcquire().Dispose();
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 100; i++)
        {
            limiter.AttemptAcquire().Dispose();
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
    }

    [Fact]
    public void Partitioned_AtCapacity_DropsFullBucketsThenUsesOverflow()
    {
        var settings = new TokenBucketSettings { TokenLimit = 1, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) };
        var limiter = new BoundedPartitionedRateLimiter<int, int>(static i => i, _ => settings, settings, maxPartitions: 2, _time);

        Assert.True(limiter.AttemptAcquire(1).IsAcquired);
        Assert.True(limiter.AttemptAcquire(2).IsAcquired);
        Assert.Equal(2, limiter.PartitionCount);

        // Both buckets drained: a third key shares the overflow bucket instead of growing memory.
        Assert.True(limiter.AttemptAcquire(3).IsAcquired);
        Assert.False(limiter.AttemptAcquire(4).IsAcquired);
        Assert.Equal(2, limiter.PartitionCount);

        // Once buckets are full again they are dropped, and a new key gets its own bucket.
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(limiter.AttemptAcquire(5).IsAcquired);
        Assert.Equal(1, limiter.PartitionCount);
    }

    [Fact]
    public void Partitioned_IpPartitions_AreIndependent()
    {
        var settings = new TokenBucketSettings { TokenLimit = 1, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) };
        var limiter = new BoundedPartitionedRateLimiter<IPAddress, IPAddress>(static ip => ip, _ => settings, settings, 100, _time);

        Assert.True(limiter.AttemptAcquire(IPAddress.Parse("192.0.2.1")).IsAcquired);
        Assert.False(limiter.AttemptAcquire(IPAddress.Parse("192.0.2.1")).IsAcquired);
        Assert.True(limiter.AttemptAcquire(IPAddress.Parse("192.0.2.2")).IsAcquired);
    }
}
