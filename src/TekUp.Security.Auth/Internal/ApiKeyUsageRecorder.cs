using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.Auth.ApiKeys;

namespace TekUp.Security.Auth.Internal;

/// <summary>
/// Records last-used times without a store write per request: a key's use is queued at most once per
/// <see cref="AuthOptions.LastUsedFlushInterval"/> (a timestamp compare on the cached entry), and a
/// <see cref="TimeProvider"/> timer writes the queue in one batch. Disposal writes what is left.
/// </summary>
internal sealed class ApiKeyUsageRecorder : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentDictionary<string, ApiKeyUsage> _pending = new(StringComparer.Ordinal);
    private readonly IApiKeyStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly long _intervalTicks;
    private readonly TimeSpan _interval;
    private readonly ITimer _timer;
    private readonly SemaphoreSlim _flushLock = new(1, 1);
    private int _disposed;

    public ApiKeyUsageRecorder(IApiKeyStore store, IOptions<AuthOptions> options, TimeProvider timeProvider, ILogger<ApiKeyUsageRecorder> logger)
    {
        _store = store;
        _timeProvider = timeProvider;
        _logger = logger;
        var interval = options.Value.LastUsedFlushInterval;
        _interval = interval;
        _intervalTicks = (long)(interval.TotalSeconds * timeProvider.TimestampFrequency);
        _timer = timeProvider.CreateTimer(static state => _ = ((ApiKeyUsageRecorder)state!).FlushInBackgroundAsync(), this, interval, interval);
    }

    /// <summary>Notes a use of a cached key; cheap when the key was already noted within the interval.</summary>
    public void Record(ApiKeyCache.Entry entry)
    {
        var now = _timeProvider.GetTimestamp();
        var last = Volatile.Read(ref entry.LastUsageRecorded);
        if (last != 0 && now - last < _intervalTicks)
        {
            return;
        }

        if (Interlocked.CompareExchange(ref entry.LastUsageRecorded, now, last) == last)
        {
            Record(entry.Record.TenantId, entry.Record.Id);
        }
    }

    /// <summary>Notes a use of a key by id (session tokens, uncached keys).</summary>
    public void Record(string tenantId, string keyId)
    {
        var now = _timeProvider.GetUtcNow();
        if (_pending.TryGetValue(keyId, out var queued) && now - queued.UsedAt < _interval)
        {
            // Already queued recently: the flush records a time at most one interval old, without a write here.
            return;
        }

        var usage = new ApiKeyUsage(tenantId, keyId, now);
        _pending.AddOrUpdate(keyId, static (_, added) => added, static (_, existing, added) => added.UsedAt > existing.UsedAt ? added : existing, usage);
    }

    /// <summary>Writes the queued uses in one batch. A failed batch is put back and retried at the next flush.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_pending.IsEmpty)
            {
                return;
            }

            var batch = new List<ApiKeyUsage>();
            foreach (var keyId in _pending.Keys)
            {
                if (_pending.TryRemove(keyId, out var usage))
                {
                    batch.Add(usage);
                }
            }

            try
            {
                await _store.RecordUsageAsync(batch, cancellationToken).ConfigureAwait(false);
                Log.UsageFlushed(_logger, batch.Count);
            }
            catch
            {
                foreach (var usage in batch)
                {
                    _pending.AddOrUpdate(usage.KeyId, static (_, added) => added, static (_, existing, added) => added.UsedAt > existing.UsedAt ? added : existing, usage);
                }

                throw;
            }
        }
        finally
        {
            _flushLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _timer.DisposeAsync().ConfigureAwait(false);
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Storage.TekUpStorageException or ObjectDisposedException)
        {
            Log.UsageFlushFailed(_logger, ex);
        }

        _flushLock.Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _timer.Dispose();
        try
        {
            // Synchronous disposal (a host that disposes its provider synchronously): write what is left.
            FlushAsync().GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is Storage.TekUpStorageException or ObjectDisposedException)
        {
            Log.UsageFlushFailed(_logger, ex);
        }

        _flushLock.Dispose();
    }

    private async Task FlushInBackgroundAsync()
    {
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A timer callback must not crash the process; the batch is retried at the next tick.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.UsageFlushFailed(_logger, ex);
        }
    }
}
