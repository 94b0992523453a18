using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace TekUp.Security.Auth.RateLimiting;

/// <summary>
/// A <see cref="PartitionedRateLimiter{TResource}"/> of <see cref="TimeProviderTokenBucketRateLimiter"/> buckets with
/// bounded memory. <see cref="PartitionedRateLimiter.Create{TResource, TPartitionKey}"/> keeps partitions until an
/// idle timer (on the system clock) removes them, so an attacker rotating through IPv6 addresses grows it freely.
/// Here, when the bound is reached, full buckets are dropped (a full bucket is indistinguishable from a new one, so no
/// limit is lost); if every bucket is still in use, new partitions share one overflow bucket until space frees.
/// </summary>
internal sealed class BoundedPartitionedRateLimiter<TResource, TKey> : PartitionedRateLimiter<TResource>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TimeProviderTokenBucketRateLimiter> _partitions;
    private readonly Func<TResource, TKey> _partitionKey;
    private readonly Func<TResource, TokenBucketSettings> _settings;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxPartitions;
    private readonly TimeProviderTokenBucketRateLimiter _overflow;
    private int _count;
    private int _sweeping;

    public BoundedPartitionedRateLimiter(
        Func<TResource, TKey> partitionKey,
        Func<TResource, TokenBucketSettings> settings,
        TokenBucketSettings overflowSettings,
        int maxPartitions,
        TimeProvider timeProvider,
        IEqualityComparer<TKey>? comparer = null)
    {
        _partitionKey = partitionKey;
        _settings = settings;
        _timeProvider = timeProvider;
        _maxPartitions = maxPartitions;
        _partitions = new ConcurrentDictionary<TKey, TimeProviderTokenBucketRateLimiter>(comparer);
        _overflow = new TimeProviderTokenBucketRateLimiter(overflowSettings, timeProvider);
    }

    /// <summary>The number of partitions held (tests and metrics).</summary>
    public int PartitionCount => Volatile.Read(ref _count);

    public override RateLimiterStatistics? GetStatistics(TResource resource) =>
        _partitions.TryGetValue(_partitionKey(resource), out var limiter) ? limiter.GetStatistics() : null;

    protected override RateLimitLease AttemptAcquireCore(TResource resource, int permitCount) =>
        GetLimiter(resource).AttemptAcquire(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(TResource resource, int permitCount, CancellationToken cancellationToken) =>
        GetLimiter(resource).AcquireAsync(permitCount, cancellationToken);

    private TimeProviderTokenBucketRateLimiter GetLimiter(TResource resource)
    {
        var key = _partitionKey(resource);
        while (true)
        {
            if (_partitions.TryGetValue(key, out var existing))
            {
                return existing;
            }

            if (Volatile.Read(ref _count) >= _maxPartitions)
            {
                Sweep();
                if (Volatile.Read(ref _count) >= _maxPartitions)
                {
                    return _overflow;
                }
            }

            var created = new TimeProviderTokenBucketRateLimiter(_settings(resource), _timeProvider);
            if (_partitions.TryAdd(key, created))
            {
                Interlocked.Increment(ref _count);
                return created;
            }
        }
    }

    private void Sweep()
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            foreach (var pair in _partitions)
            {
                if (pair.Value.IsFull && _partitions.TryRemove(pair))
                {
                    Interlocked.Decrement(ref _count);
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }
}
