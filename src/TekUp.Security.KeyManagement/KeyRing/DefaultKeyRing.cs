using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement.Internal;

/// <summary>
/// The key ring: a bounded, time-limited cache of unwrapped keys in front of the store.
/// </summary>
/// <remarks>
/// <para>
/// Two maps point at the same entries: the active key per (tenant, class) and every cached key by id. A hit costs a
/// dictionary lookup, a timestamp and two interlocked operations; it is counted in metrics, never audited. A miss
/// loads once per key however many callers wait for it (single flight), and a load is audited.
/// </para>
/// <para>
/// An entry leaves the cache when it expires (<see cref="KeyManagementOptions.CacheLifetime"/>), when the cache is
/// over <see cref="KeyManagementOptions.CacheSize"/> (least recently used first), or when its key is rotated, revoked
/// or destroyed on this instance. It is then retired (no new leases) and its key is zeroed once no lease is held and
/// the last raw hand-out is older than <see cref="KeyManagementOptions.KeyHandOutGracePeriod"/>. A sweep on a
/// <see cref="TimeProvider"/> timer retires expired entries, zeroes retired ones and persists use counts.
/// </para>
/// </remarks>
internal sealed class DefaultKeyRing : IKeyRing, IDisposable, IAsyncDisposable
{
    private const int MaxLoadAttempts = 16;

    private readonly ConcurrentDictionary<ActiveSlot, CachedKey> _active = new();
    private readonly ConcurrentDictionary<Guid, CachedKey> _byId = new();
    private readonly ConcurrentDictionary<Guid, Tombstone> _tombstones = new();
    private readonly ConcurrentDictionary<LoadKey, Task<CachedKey>> _loads = new();
    private readonly List<CachedKey> _retiring = [];
    private readonly IDataKeyStore _store;
    private readonly DataKeyLifecycle _lifecycle;
    private readonly KeyAuditor _auditor;
    private readonly KeyManagementMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _lifetime;
    private readonly long _grace;
    private readonly int _capacity;
    private readonly long _flushThreshold;
    private readonly long _maxUses;
    private readonly ITimer _timer;
    private readonly CancellationTokenSource _disposing = new();
    private int _sweeping;
    private int _disposed;

    public DefaultKeyRing(
        IDataKeyStore store,
        DataKeyLifecycle lifecycle,
        KeyAuditor auditor,
        KeyManagementMetrics metrics,
        IOptions<KeyManagementOptions> options,
        TimeProvider timeProvider,
        ILogger<DefaultKeyRing> logger)
    {
        var settings = options.Value;
        _store = store;
        _lifecycle = lifecycle;
        _auditor = auditor;
        _metrics = metrics;
        _time = timeProvider;
        _logger = logger;
        _lifetime = ToTimestampTicks(settings.CacheLifetime);
        _grace = ToTimestampTicks(settings.KeyHandOutGracePeriod);
        _capacity = settings.CacheSize;
        _flushThreshold = settings.UseCountFlushThreshold;
        _maxUses = settings.MaxKeyUses;
        SweepInterval = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerSecond, Math.Min(settings.CacheLifetime.Ticks, settings.KeyHandOutGracePeriod.Ticks) / 2));
        _timer = timeProvider.CreateTimer(static state => ((DefaultKeyRing)state!).OnTimer(), this, SweepInterval, SweepInterval);
    }

    /// <summary>How often the timer sweeps: half the shorter of cache lifetime and hand-out grace period, at least 1 second.</summary>
    public TimeSpan SweepInterval { get; }

    /// <summary>The number of cached keys (for tests and diagnostics).</summary>
    public int Count => _byId.Count;

    // ---- IKeyRing ----

    public async ValueTask<AeadKey> GetActiveKeyAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken = default)
    {
        var entry = await AcquireActiveAsync(tenantId, dataClass, cancellationToken).ConfigureAwait(false);
        return HandOut(entry);
    }

    public async ValueTask<AeadKey> GetKeyAsync(string tenantId, DataClass dataClass, Guid keyId, CancellationToken cancellationToken = default)
    {
        var entry = await AcquireAsync(tenantId, dataClass, keyId, cancellationToken).ConfigureAwait(false);
        return HandOut(entry);
    }

    public async ValueTask<DataKeyLease> LeaseActiveKeyAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken = default) =>
        new(await AcquireActiveAsync(tenantId, dataClass, cancellationToken).ConfigureAwait(false));

    public async ValueTask<DataKeyLease> LeaseKeyAsync(string tenantId, DataClass dataClass, Guid keyId, CancellationToken cancellationToken = default) =>
        new(await AcquireAsync(tenantId, dataClass, keyId, cancellationToken).ConfigureAwait(false));

    // ---- Leased access for the encryption service (the caller releases the entry) ----

    /// <summary>The hot path: the cached active key, leased, or <see langword="false"/>.</summary>
    public bool TryAcquireActive(string tenantId, DataClass dataClass, out CachedKey entry)
    {
        if (_active.TryGetValue(new ActiveSlot(tenantId, dataClass), out entry!) && TryAcquireLive(entry))
        {
            _metrics.Hit(dataClass);
            return true;
        }

        entry = null!;
        return false;
    }

    /// <summary>The hot path for decryption: a cached key of the tenant and class by id, leased, or <see langword="false"/>.</summary>
    public bool TryAcquire(string tenantId, DataClass dataClass, Guid keyId, out CachedKey entry)
    {
        if (_byId.TryGetValue(keyId, out entry!) && entry.DataClass == dataClass
            && string.Equals(entry.TenantId, tenantId, StringComparison.Ordinal) && TryAcquireLive(entry))
        {
            _metrics.Hit(dataClass);
            return true;
        }

        entry = null!;
        return false;
    }

    public ValueTask<CachedKey> AcquireActiveAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken = default)
    {
        if (TryAcquireActive(tenantId, dataClass, out var entry))
        {
            return ValueTask.FromResult(entry);
        }

        TenantIds.ThrowIfInvalid(tenantId);
        Errors.ThrowIfUndefined(dataClass);
        return AcquireActiveCoreAsync(tenantId, dataClass, cancellationToken);
    }

    public ValueTask<CachedKey> AcquireAsync(string tenantId, DataClass dataClass, Guid keyId, CancellationToken cancellationToken = default)
    {
        if (TryAcquire(tenantId, dataClass, keyId, out var entry))
        {
            return ValueTask.FromResult(entry);
        }

        TenantIds.ThrowIfInvalid(tenantId);
        Errors.ThrowIfUndefined(dataClass);
        return AcquireCoreAsync(tenantId, dataClass, keyId, cancellationToken);
    }

    /// <summary>Without tenant-id validation: also for platform secrets (ids starting with '$').</summary>
    public async ValueTask<CachedKey> AcquireActiveCoreAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken)
    {
        if (TryAcquireActive(tenantId, dataClass, out var cached))
        {
            return cached;
        }

        _metrics.Miss(dataClass);
        for (var attempt = 0; attempt < MaxLoadAttempts; attempt++)
        {
            var entry = await LoadOnceAsync(new LoadKey(tenantId, dataClass, Guid.Empty), ct => LoadActiveAsync(tenantId, dataClass, ct), cancellationToken).ConfigureAwait(false);
            if (entry.TryAcquire(_time.GetTimestamp()))
            {
                return entry;
            }
        }

        throw Errors.CacheThrashing();
    }

    /// <summary>Without tenant-id validation: also for platform secrets (ids starting with '$').</summary>
    public async ValueTask<CachedKey> AcquireCoreAsync(string tenantId, DataClass dataClass, Guid keyId, CancellationToken cancellationToken)
    {
        if (TryAcquire(tenantId, dataClass, keyId, out var cached))
        {
            return cached;
        }

        if (_tombstones.TryGetValue(keyId, out var tombstone) && tombstone.Matches(tenantId, dataClass) && _time.GetTimestamp() < tombstone.ExpiresAt)
        {
            _metrics.Refused(dataClass);
            throw new KeyUnavailableException(tenantId, dataClass, keyId, tombstone.Reason);
        }

        _metrics.Miss(dataClass);
        for (var attempt = 0; attempt < MaxLoadAttempts; attempt++)
        {
            var entry = await LoadOnceAsync(new LoadKey(tenantId, dataClass, keyId), ct => LoadByIdAsync(tenantId, dataClass, keyId, ct), cancellationToken).ConfigureAwait(false);
            if (entry.TryAcquire(_time.GetTimestamp()))
            {
                return entry;
            }
        }

        throw Errors.CacheThrashing();
    }

    /// <summary>
    /// Counts one encryption by a leased entry; returns <see langword="true"/> when the caller should
    /// <see cref="FlushUsesAsync"/> (the batch is full).
    /// </summary>
    public bool CountUse(CachedKey entry) => entry.AddUse() >= _flushThreshold;

    /// <summary>
    /// Adds an entry's pending uses to the stored count; rotates the key when the total reaches
    /// <see cref="KeyManagementOptions.MaxKeyUses"/>. Failures are logged and the uses kept for the next try.
    /// </summary>
    public async Task FlushUsesAsync(CachedKey entry, CancellationToken cancellationToken)
    {
        var uses = entry.TakePendingUses();
        if (uses == 0)
        {
            return;
        }

        long total;
        try
        {
            total = await _store.AddUsageAsync(entry.TenantId, entry.KeyId, uses, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed count must not fail the encryption that triggered it; it is retried.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            entry.ReturnPendingUses(uses);
            Log.UseCountFlushFailed(_logger, ex, entry.KeyId);
            return;
        }

        entry.PersistedUses = total;
        if (total >= _maxUses && entry.State == DataKeyState.Active)
        {
            try
            {
                await RotateAsync(entry.TenantId, entry.DataClass, entry.KeyId, KeyRotationReason.UseCount, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The rotation is retried at the next flush and by RotateDueKeysAsync.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.UseCountRotationFailed(_logger, ex, entry.KeyId);
            }
        }
    }

    // ---- Lifecycle hooks for the key manager ----

    /// <summary>Rotates through the lifecycle and puts the new key in the cache in place of the old active one.</summary>
    public async Task<KeyOutcome> RotateAsync(string tenantId, DataClass dataClass, Guid? expectedKeyId, KeyRotationReason reason, CancellationToken cancellationToken)
    {
        var outcome = await _lifecycle.RotateAsync(tenantId, dataClass, expectedKeyId, reason, cancellationToken).ConfigureAwait(false);
        if (outcome.Active is { } active)
        {
            var slot = new ActiveSlot(tenantId, dataClass);
            if (_active.TryGetValue(slot, out var current) && current.KeyId != active.KeyId)
            {
                _active.TryRemove(new KeyValuePair<ActiveSlot, CachedKey>(slot, current));
            }

            if (outcome.Key is { } key)
            {
                Install(NewEntry(key, active), asActive: true);
            }
        }

        return outcome;
    }

    /// <summary>Drops a revoked or destroyed key from the cache (zeroing it as soon as it is free) and remembers the refusal.</summary>
    public void Forget(string tenantId, DataClass dataClass, Guid keyId, KeyUnavailableReason reason)
    {
        _tombstones[keyId] = new Tombstone(tenantId, dataClass, reason, _time.GetTimestamp() + _lifetime);
        TrimTombstones();
        if (_byId.TryGetValue(keyId, out var entry) && entry.TenantId == tenantId)
        {
            Retire(entry);
            TryZero(entry, _time.GetTimestamp());
        }
    }

    /// <summary>Persists every pending use count (before a scheduled rotation reads the counts, and on shutdown).</summary>
    public async Task FlushAllUsesAsync(CancellationToken cancellationToken)
    {
        foreach (var entry in Entries())
        {
            if (entry.PendingUses > 0)
            {
                await FlushUsesAsync(entry, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Retires expired entries, persists pending use counts, and zeroes retired keys that are free. Runs on the timer;
    /// tests call it directly. Overlapping calls return at once.
    /// </summary>
    public async Task SweepAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _sweeping, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _time.GetTimestamp();
            foreach (var entry in _byId.Values)
            {
                if (now >= entry.ExpiresAt)
                {
                    Retire(entry);
                }
            }

            foreach (var (keyId, tombstone) in _tombstones)
            {
                if (now >= tombstone.ExpiresAt)
                {
                    _tombstones.TryRemove(new KeyValuePair<Guid, Tombstone>(keyId, tombstone));
                }
            }

            await FlushAllUsesAsync(cancellationToken).ConfigureAwait(false);
            foreach (var entry in Retiring())
            {
                TryZero(entry, now);
                if (entry.Key.IsDisposed && entry.PendingUses == 0)
                {
                    lock (_retiring)
                    {
                        _retiring.Remove(entry);
                    }
                }
            }
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    // ---- Loading ----

    private async Task<CachedKey> LoadActiveAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken)
    {
        var outcome = await _lifecycle.EnsureActiveAsync(tenantId, dataClass, cancellationToken).ConfigureAwait(false);
        var record = outcome.Active!;
        var entry = outcome.Key is { } fresh
            ? NewEntry(fresh, record)
            : ReuseLive(record) ?? await UnwrapToEntryAsync(record, cancellationToken).ConfigureAwait(false);
        Install(entry, asActive: true);
        return entry;
    }

    private async Task<CachedKey> LoadByIdAsync(string tenantId, DataClass dataClass, Guid keyId, CancellationToken cancellationToken)
    {
        var record = await _store.FindAsync(tenantId, keyId, cancellationToken).ConfigureAwait(false);
        if (record is null || record.DataClass != dataClass)
        {
            _metrics.Refused(dataClass);
            Log.DataKeyRefused(_logger, keyId, tenantId, KeyUnavailableReason.NotFound);
            throw new KeyUnavailableException(tenantId, dataClass, keyId, KeyUnavailableReason.NotFound);
        }

        if (record.State is DataKeyState.Revoked or DataKeyState.Destroyed)
        {
            var reason = record.State == DataKeyState.Revoked ? KeyUnavailableReason.Revoked : KeyUnavailableReason.Destroyed;
            _tombstones[keyId] = new Tombstone(tenantId, dataClass, reason, _time.GetTimestamp() + _lifetime);
            TrimTombstones();
            _metrics.Refused(dataClass);
            Log.DataKeyRefused(_logger, keyId, tenantId, reason);
            await _auditor.RefusedAsync(tenantId, dataClass, keyId, reason, cancellationToken).ConfigureAwait(false);
            throw new KeyUnavailableException(tenantId, dataClass, keyId, reason);
        }

        var entry = ReuseLive(record) ?? await UnwrapToEntryAsync(record, cancellationToken).ConfigureAwait(false);
        Install(entry, asActive: record.State == DataKeyState.Active && !_active.ContainsKey(new ActiveSlot(tenantId, dataClass)));
        return entry;
    }

    private async Task<CachedKey> UnwrapToEntryAsync(DataKeyRecord record, CancellationToken cancellationToken)
    {
        var key = await _lifecycle.UnwrapAsync(record, cancellationToken).ConfigureAwait(false);
        _metrics.Loaded(record.DataClass);
        Log.DataKeyLoaded(_logger, record.KeyId, record.TenantId, record.DataClass);
        try
        {
            // Platform secrets are loaded by the audit trail's own key provider; auditing them would recurse.
            if (!KeyAuditor.IsPlatform(record.TenantId))
            {
                await _auditor.LoadedAsync(record, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            key.Dispose();
            throw;
        }

        return NewEntry(key, record);
    }

    private CachedKey? ReuseLive(DataKeyRecord record) =>
        _byId.TryGetValue(record.KeyId, out var entry) && !entry.IsRetired && entry.TenantId == record.TenantId
        && _time.GetTimestamp() < entry.ExpiresAt ? entry : null;

    private CachedKey NewEntry(AeadKey key, DataKeyRecord record) =>
        NewEntry(key, record, _time.GetTimestamp());

    private CachedKey NewEntry(AeadKey key, DataKeyRecord record, long now) =>
        new(key, record.TenantId, record.DataClass, record.State, now, now + _lifetime) { PersistedUses = record.UseCount };

    private async Task<CachedKey> LoadOnceAsync(LoadKey loadKey, Func<CancellationToken, Task<CachedKey>> load, CancellationToken cancellationToken)
    {
        while (true)
        {
            var mine = new TaskCompletionSource<CachedKey>(TaskCreationOptions.RunContinuationsAsynchronously);
            var inFlight = _loads.GetOrAdd(loadKey, mine.Task);
            if (inFlight != mine.Task)
            {
                try
                {
                    return await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    continue; // The caller that was loading gave up; load again.
                }
            }

            try
            {
                var entry = await load(cancellationToken).ConfigureAwait(false);
                mine.SetResult(entry);
                return entry;
            }
            catch (OperationCanceledException)
            {
                mine.SetCanceled(CancellationToken.None);
                throw;
            }
            catch (Exception ex)
            {
                mine.SetException(ex);
                _ = mine.Task.Exception; // Observed here: waiters rethrow it themselves.
                throw;
            }
            finally
            {
                _loads.TryRemove(new KeyValuePair<LoadKey, Task<CachedKey>>(loadKey, mine.Task));
            }
        }
    }

    // ---- Cache maintenance ----

    private bool TryAcquireLive(CachedKey entry)
    {
        var now = _time.GetTimestamp();
        if (now >= entry.ExpiresAt)
        {
            Retire(entry);
            TryZero(entry, now);
            return false;
        }

        return entry.TryAcquire(now);
    }

    private AeadKey HandOut(CachedKey entry)
    {
        try
        {
            entry.MarkHandedOut(_time.GetTimestamp());
            return entry.Key;
        }
        finally
        {
            entry.Release();
        }
    }

    private void Install(CachedKey entry, bool asActive)
    {
        while (true)
        {
            if (_byId.TryGetValue(entry.KeyId, out var existing))
            {
                if (ReferenceEquals(existing, entry))
                {
                    break;
                }

                if (_byId.TryUpdate(entry.KeyId, entry, existing))
                {
                    RetireLater(existing);
                    break;
                }
            }
            else if (_byId.TryAdd(entry.KeyId, entry))
            {
                break;
            }
        }

        if (asActive)
        {
            _active[new ActiveSlot(entry.TenantId, entry.DataClass)] = entry;
        }

        if (Volatile.Read(ref _disposed) != 0)
        {
            Retire(entry);
        }

        EnforceCapacity(entry);
    }

    /// <summary>Evicts the least recently used entries over capacity, never the one just installed.</summary>
    private void EnforceCapacity(CachedKey installed)
    {
        var excess = _byId.Count - _capacity;
        if (excess <= 0)
        {
            return;
        }

        var now = _time.GetTimestamp();
        foreach (var victim in _byId.Values.Where(e => !ReferenceEquals(e, installed)).OrderBy(e => e.LastUsed).Take(excess))
        {
            Retire(victim);
            TryZero(victim, now);
        }
    }

    private void Retire(CachedKey entry)
    {
        _byId.TryRemove(new KeyValuePair<Guid, CachedKey>(entry.KeyId, entry));
        _active.TryRemove(new KeyValuePair<ActiveSlot, CachedKey>(new ActiveSlot(entry.TenantId, entry.DataClass), entry));
        RetireLater(entry);
    }

    private void RetireLater(CachedKey entry)
    {
        if (!entry.Retire())
        {
            return;
        }

        _active.TryRemove(new KeyValuePair<ActiveSlot, CachedKey>(new ActiveSlot(entry.TenantId, entry.DataClass), entry));
        _metrics.Evicted(entry.DataClass);
        lock (_retiring)
        {
            _retiring.Add(entry);
        }
    }

    /// <summary>Zeroes a retired key when no lease is held and its last raw hand-out is older than the grace period.</summary>
    private void TryZero(CachedKey entry, long now)
    {
        if (!entry.Key.IsDisposed && entry.TryClaim()
            && (entry.LastHandOut == long.MinValue || now - entry.LastHandOut >= _grace))
        {
            entry.Key.Dispose();
        }
    }

    private void TrimTombstones()
    {
        // Tombstones hold no secrets; dropping them only costs a store lookup.
        if (_tombstones.Count > _capacity)
        {
            _tombstones.Clear();
        }
    }

    private CachedKey[] Retiring()
    {
        lock (_retiring)
        {
            return [.. _retiring];
        }
    }

    private IEnumerable<CachedKey> Entries() => _byId.Values.Concat(Retiring());

    private void OnTimer()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        _ = SweepFromTimerAsync();
    }

    private async Task SweepFromTimerAsync()
    {
        try
        {
            await SweepAsync(_disposing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A timer callback must not crash the process; the next sweep retries.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CacheSweepFailed(_logger, ex);
        }
    }

    private long ToTimestampTicks(TimeSpan span) => (long)(span.Ticks * ((double)_time.TimestampFrequency / TimeSpan.TicksPerSecond));

    // ---- Disposal: zero everything ----

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            await FlushAllUsesAsync(CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Shutdown goes on; the lost counts are within the documented bound.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.CacheSweepFailed(_logger, ex);
        }

        Dispose();
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _timer.Dispose();
        _disposing.Cancel();
        _disposing.Dispose();
        foreach (var entry in Entries())
        {
            entry.Retire();
            entry.Key.Dispose();
        }

        _byId.Clear();
        _active.Clear();
        _tombstones.Clear();
        lock (_retiring)
        {
            _retiring.Clear();
        }
    }

    private readonly record struct ActiveSlot(string TenantId, DataClass DataClass);

    private readonly record struct LoadKey(string TenantId, DataClass DataClass, Guid KeyId);

    private sealed record Tombstone(string TenantId, DataClass DataClass, KeyUnavailableReason Reason, long ExpiresAt)
    {
        public bool Matches(string tenantId, DataClass dataClass) => TenantId == tenantId && DataClass == dataClass;
    }
}
