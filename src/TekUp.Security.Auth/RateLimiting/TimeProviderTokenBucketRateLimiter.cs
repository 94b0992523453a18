using System.Threading.RateLimiting;

namespace TekUp.Security.Auth.RateLimiting;

/// <summary>
/// A token bucket whose refill is computed from <see cref="TimeProvider.GetTimestamp"/> at each acquisition, so it
/// needs no timer and behaves on a <c>FakeTimeProvider</c> exactly as on the system clock (the built-in
/// <see cref="TokenBucketRateLimiter"/> replenishes from its own timer and <c>Stopwatch</c>). The bucket refills
/// continuously (fractional tokens), starts full, and never queues: a refusal carries the exact wait until enough
/// tokens are back, as <see cref="MetadataName.RetryAfter"/>. Acquiring a permit allocates nothing.
/// </summary>
internal sealed class TimeProviderTokenBucketRateLimiter : RateLimiter
{
    private readonly TimeProvider _timeProvider;
    private readonly double _limit;
    private readonly double _tokensPerTimestampTick;
    private readonly Lock _lock = new();
    private double _tokens;
    private long _lastTimestamp;
    private bool _refusedSinceLastAdmit;
    private long _successfulLeases;
    private long _failedLeases;

    public TimeProviderTokenBucketRateLimiter(TokenBucketSettings settings, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _limit = settings.TokenLimit;
        _tokensPerTimestampTick = settings.TokensPerPeriod / (settings.ReplenishmentPeriod.TotalSeconds * timeProvider.TimestampFrequency);
        _tokens = _limit;
        _lastTimestamp = timeProvider.GetTimestamp();
    }

    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (_lock)
            {
                var now = _timeProvider.GetTimestamp();
                var full = _tokens + ((now - _lastTimestamp) * _tokensPerTimestampTick);
                if (full < _limit)
                {
                    return null;
                }

                var ticksToFill = (_limit - _tokens) / _tokensPerTimestampTick;
                return _timeProvider.GetElapsedTime(_lastTimestamp + (long)Math.Ceiling(ticksToFill), now);
            }
        }
    }

    /// <summary>Whether the bucket is full now, so dropping it loses no state.</summary>
    public bool IsFull => IdleDuration is not null;

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (_lock)
        {
            Refill();
            return new RateLimiterStatistics
            {
                CurrentAvailablePermits = (long)_tokens,
                CurrentQueuedCount = 0,
                TotalSuccessfulLeases = _successfulLeases,
                TotalFailedLeases = _failedLeases,
            };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        if (permitCount < 0 || permitCount > _limit)
        {
            throw new ArgumentOutOfRangeException(nameof(permitCount), permitCount, $"Between 0 and the token limit {_limit}.");
        }

        lock (_lock)
        {
            Refill();
            var needed = Math.Max(permitCount, 1);
            if (_tokens >= needed)
            {
                _tokens -= permitCount;
                _refusedSinceLastAdmit = false;
                _successfulLeases++;
                return TokenBucketLease.Acquired;
            }

            _failedLeases++;
            var first = !_refusedSinceLastAdmit;
            _refusedSinceLastAdmit = true;
            var waitTicks = (needed - _tokens) / _tokensPerTimestampTick;
            var retryAfter = TimeSpan.FromSeconds(waitTicks / _timeProvider.TimestampFrequency);
            return new TokenBucketLease.Refused(retryAfter, first);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(AttemptAcquireCore(permitCount));
    }

    private void Refill()
    {
        var now = _timeProvider.GetTimestamp();
        if (now > _lastTimestamp)
        {
            _tokens = Math.Min(_limit, _tokens + ((now - _lastTimestamp) * _tokensPerTimestampTick));
            _lastTimestamp = now;
        }
    }
}

/// <summary>The leases of <see cref="TimeProviderTokenBucketRateLimiter"/>.</summary>
internal abstract class TokenBucketLease : RateLimitLease
{
    private static readonly string[] RetryAfterName = [MetadataName.RetryAfter.Name];

    public static RateLimitLease Acquired { get; } = new AcquiredLease();

    private sealed class AcquiredLease : TokenBucketLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }

    /// <summary>A refusal with the wait until enough tokens are back.</summary>
    public sealed class Refused(TimeSpan retryAfter, bool isFirstRefusal) : TokenBucketLease
    {
        public TimeSpan RetryAfter { get; } = retryAfter;

        /// <summary>Whether this is the first refusal since the partition last admitted a request.</summary>
        public bool IsFirstRefusal { get; } = isFirstRefusal;

        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => RetryAfterName;

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = RetryAfter;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
