using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement;

namespace TekUp.Security.Storage.InMemory;

/// <summary>
/// Keeps data keys in dictionaries under one lock, so every operation (including the single-active check and
/// rotation) is atomic. Wrapped material is copied in and out, and zeroed when a key is destroyed.
/// </summary>
internal sealed class InMemoryDataKeyStore : IDataKeyStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, DataKeyRecord> _keys = [];
    private readonly Dictionary<(string TenantId, DataClass DataClass), Guid> _active = [];

    public ValueTask<DataKeyRecord?> FindAsync(string tenantId, Guid keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        lock (_lock)
        {
            return ValueTask.FromResult(_keys.TryGetValue(keyId, out var key) && key.TenantId == tenantId ? Copy(key) : null);
        }
    }

    public ValueTask<DataKeyRecord?> FindActiveAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        lock (_lock)
        {
            return ValueTask.FromResult(_active.TryGetValue((tenantId, dataClass), out var keyId) ? Copy(_keys[keyId]) : null);
        }
    }

    public Task<DataKeyRecord> CreateAsync(DataKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        key.EnsureConsistent();
        var created = Copy(key) with { Version = 1, UseCount = 0 };
        lock (_lock)
        {
            ThrowIfDuplicate(created);
            Insert(created);
        }

        return Task.FromResult(Copy(created));
    }

    public Task<DataKeyRecord> RotateAsync(DataKeyRecord rotated, DataKeyRecord replacement, CancellationToken cancellationToken = default)
    {
        DataKeyRecord.EnsureRotation(rotated, replacement);

        var created = Copy(replacement) with { Version = 1, UseCount = 0 };
        lock (_lock)
        {
            if (!_keys.TryGetValue(rotated.KeyId, out var current) || current.TenantId != rotated.TenantId
                || current.Version != rotated.Version || current.State != DataKeyState.Active)
            {
                throw new ConcurrencyException($"Data key {rotated.KeyId} was changed, rotated or removed since version {rotated.Version} was read.");
            }

            if (_keys.ContainsKey(created.KeyId))
            {
                throw new DuplicateRecordException($"A data key with id {created.KeyId} already exists.");
            }

            _keys[current.KeyId] = Copy(rotated) with { Version = current.Version + 1, UseCount = current.UseCount };
            _active.Remove((current.TenantId, current.DataClass));
            Insert(created);
        }

        return Task.FromResult(Copy(created));
    }

    public Task<DataKeyRecord> UpdateAsync(DataKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        key.EnsureConsistent();
        lock (_lock)
        {
            if (!_keys.TryGetValue(key.KeyId, out var current) || current.TenantId != key.TenantId || current.Version != key.Version
                || current.State == DataKeyState.Destroyed || key.State < current.State)
            {
                throw new ConcurrencyException($"Data key {key.KeyId} was changed, destroyed or removed since version {key.Version} was read, or its state would move backwards.");
            }

            var slot = (current.TenantId, current.DataClass);
            if (key.State == DataKeyState.Active && current.State != DataKeyState.Active && _active.ContainsKey(slot))
            {
                throw new DuplicateRecordException($"Tenant '{key.TenantId}' already has an active {key.DataClass} key.");
            }

            var updated = Copy(key) with { TenantId = current.TenantId, DataClass = current.DataClass, Version = current.Version + 1, UseCount = current.UseCount };
            if (current.WrappedKey is not null && !ReferenceEquals(current.WrappedKey, updated.WrappedKey))
            {
                CryptographicOperations.ZeroMemory(current.WrappedKey);
            }

            _keys[key.KeyId] = updated;
            if (updated.State == DataKeyState.Active)
            {
                _active[slot] = updated.KeyId;
            }
            else if (_active.TryGetValue(slot, out var activeId) && activeId == updated.KeyId)
            {
                _active.Remove(slot);
            }

            return Task.FromResult(Copy(updated));
        }
    }

    public ValueTask<long> AddUsageAsync(string tenantId, Guid keyId, long uses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentOutOfRangeException.ThrowIfNegative(uses);
        lock (_lock)
        {
            if (!_keys.TryGetValue(keyId, out var key) || key.TenantId != tenantId)
            {
                return ValueTask.FromResult(-1L);
            }

            var updated = key with { UseCount = key.UseCount + uses };
            _keys[keyId] = updated;
            return ValueTask.FromResult(updated.UseCount);
        }
    }

    public IAsyncEnumerable<DataKeyRecord> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return Snapshot(k => k.TenantId == tenantId, cancellationToken);
    }

    public IAsyncEnumerable<DataKeyRecord> ListAllAsync(CancellationToken cancellationToken = default) => Snapshot(_ => true, cancellationToken);

    private async IAsyncEnumerable<DataKeyRecord> Snapshot(Func<DataKeyRecord, bool> filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<DataKeyRecord> keys;
        lock (_lock)
        {
            keys = [.. _keys.Values.Where(filter)
                .OrderBy(k => k.TenantId, StringComparer.Ordinal)
                .ThenBy(k => k.DataClass)
                .ThenBy(k => k.CreatedAt)
                .ThenBy(k => k.KeyId)
                .Select(Copy)];
        }

        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private void ThrowIfDuplicate(DataKeyRecord key)
    {
        if (_keys.ContainsKey(key.KeyId))
        {
            throw new DuplicateRecordException($"A data key with id {key.KeyId} already exists.");
        }

        if (key.State == DataKeyState.Active && _active.ContainsKey((key.TenantId, key.DataClass)))
        {
            throw new DuplicateRecordException($"Tenant '{key.TenantId}' already has an active {key.DataClass} key.");
        }
    }

    private void Insert(DataKeyRecord key)
    {
        _keys.Add(key.KeyId, key);
        if (key.State == DataKeyState.Active)
        {
            _active.Add((key.TenantId, key.DataClass), key.KeyId);
        }
    }

    private static DataKeyRecord Copy(DataKeyRecord key) => key with { WrappedKey = key.WrappedKey is null ? null : (byte[])key.WrappedKey.Clone() };
}
