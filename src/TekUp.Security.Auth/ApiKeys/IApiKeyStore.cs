namespace TekUp.Security.Auth.ApiKeys;

/// <summary>Persists API key records. Implemented by every storage provider. Thread-safe.</summary>
public interface IApiKeyStore
{
    /// <summary>Stores a new key with <see cref="ApiKeyRecord.Version"/> 1 and returns it.</summary>
    /// <exception cref="Storage.DuplicateRecordException">A key with the same id or the same hash exists.</exception>
    Task<ApiKeyRecord> CreateAsync(ApiKeyRecord key, CancellationToken cancellationToken = default);

    /// <summary>Finds a key by its hash (<see cref="ApiKeyHashes.HashLength"/> bytes), or returns <see langword="null"/>.</summary>
    ValueTask<ApiKeyRecord?> FindByHashAsync(ReadOnlyMemory<byte> hash, CancellationToken cancellationToken = default);

    /// <summary>Finds a key of a tenant by id, or returns <see langword="null"/> (also for another tenant's key).</summary>
    ValueTask<ApiKeyRecord?> FindAsync(string tenantId, string keyId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's keys, revoked and expired ones included, ordered by creation time then id.</summary>
    IAsyncEnumerable<ApiKeyRecord> ListAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates the mutable fields (name, scopes, expiry, revocation, replacement) of a key whose version matches the
    /// stored one, and returns it with the next version. The hash, tenant and creation time never change.
    /// </summary>
    /// <exception cref="Storage.ConcurrencyException">The stored version differs, or the key is gone.</exception>
    Task<ApiKeyRecord> UpdateAsync(ApiKeyRecord key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records last-used times in one batch. A time never moves backwards (the later of the stored and given time is
    /// kept), unknown keys are skipped, and the version is not changed (last-used is not an edit).
    /// </summary>
    Task RecordUsageAsync(IReadOnlyCollection<ApiKeyUsage> usages, CancellationToken cancellationToken = default);
}
