using System.Runtime.CompilerServices;
using TekUp.Security.Auth.ApiKeys;

namespace TekUp.Security.Storage.InMemory;

/// <summary>Keeps API key records in memory, indexed by id and by hash. Thread-safe (one lock; reads copy).</summary>
internal sealed class InMemoryApiKeyStore : IApiKeyStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, ApiKeyRecord> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idByHash = new(StringComparer.Ordinal);

    public Task<ApiKeyRecord> CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var created = key with { Version = 1, Hash = key.Hash.ToArray() };
        var hash = Convert.ToHexString(created.Hash.Span);
        lock (_lock)
        {
            if (_byId.ContainsKey(key.Id) || _idByHash.ContainsKey(hash))
            {
                return Task.FromException<ApiKeyRecord>(new DuplicateRecordException($"An API key with id '{key.Id}' or the same hash already exists."));
            }

            _byId.Add(created.Id, created);
            _idByHash.Add(hash, created.Id);
        }

        return Task.FromResult(created);
    }

    public ValueTask<ApiKeyRecord?> FindByHashAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default)
    {
        var hex = Convert.ToHexString(hash.Span);
        lock (_lock)
        {
            return ValueTask.FromResult(_idByHash.TryGetValue(hex, out var id) ? _byId[id] : null);
        }
    }

    public ValueTask<ApiKeyRecord?> FindAsync(string tenantId, string keyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(keyId);
        lock (_lock)
        {
            return ValueTask.FromResult(_byId.TryGetValue(keyId, out var key) && key.TenantId == tenantId ? key : null);
        }
    }

    public async IAsyncEnumerable<ApiKeyRecord> ListAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ApiKeyRecord[] keys;
        lock (_lock)
        {
            keys = [.. _byId.Values.Where(k => k.TenantId == tenantId).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id, StringComparer.Ordinal)];
        }

        foreach (var key in keys)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return key;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    public Task<ApiKeyRecord> UpdateAsync(ApiKeyRecord key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            if (!_byId.TryGetValue(key.Id, out var current) || current.Version != key.Version || current.TenantId != key.TenantId)
            {
                return Task.FromException<ApiKeyRecord>(new ConcurrencyException($"API key '{key.Id}' was changed or removed since version {key.Version} was read."));
            }

            var updated = current with
            {
                Name = key.Name,
                Scopes = [.. key.Scopes],
                ExpiresAt = key.ExpiresAt,
                RevokedAt = key.RevokedAt,
                RevocationReason = key.RevocationReason,
                ReplacedById = key.ReplacedById,
                Version = current.Version + 1,
            };
            _byId[key.Id] = updated;
            return Task.FromResult(updated);
        }
    }

    public Task RecordUsageAsync(IReadOnlyCollection<ApiKeyUsage> usages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(usages);
        lock (_lock)
        {
            foreach (var usage in usages)
            {
                if (_byId.TryGetValue(usage.KeyId, out var key) && key.TenantId == usage.TenantId && (key.LastUsedAt is null || key.LastUsedAt < usage.UsedAt))
                {
                    _byId[usage.KeyId] = key with { LastUsedAt = usage.UsedAt };
                }
            }
        }

        return Task.CompletedTask;
    }
}
