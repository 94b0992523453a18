using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// Persists data keys, wrapped. Implemented by every storage provider; the key ring is its only caller. Every
/// read is scoped to a tenant, so a key id of another tenant is never found. The store enforces two invariants
/// itself, whatever its callers do: at most one <see cref="DataKeyState.Active"/> key per tenant and data class
/// (also across processes), and no wrapped material on a <see cref="DataKeyState.Destroyed"/> key, which is
/// terminal.
/// </summary>
public interface IDataKeyStore
{
    /// <summary>Finds a key of a tenant by id, or returns <see langword="null"/> (also for a key of another tenant).</summary>
    ValueTask<DataKeyRecord?> FindAsync(string tenantId, Guid keyId, CancellationToken cancellationToken = default);

    /// <summary>Finds the active key of a tenant and data class, or returns <see langword="null"/>.</summary>
    ValueTask<DataKeyRecord?> FindActiveAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new key with <see cref="DataKeyInfo.Version"/> 1 and <see cref="DataKeyInfo.UseCount"/> 0.
    /// </summary>
    /// <exception cref="Storage.DuplicateRecordException">
    /// The key id exists, or the key is <see cref="DataKeyState.Active"/> and its tenant and class already have an
    /// active key (another instance won the race to create it).
    /// </exception>
    Task<DataKeyRecord> CreateAsync(DataKeyRecord key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Atomically marks the current active key <see cref="DataKeyState.Rotated"/> (as given in
    /// <paramref name="rotated"/>, whose version must match the stored one) and stores <paramref name="replacement"/>
    /// as the new active key. Either both happen or neither does.
    /// </summary>
    /// <returns>The stored replacement, with version 1.</returns>
    /// <exception cref="Storage.ConcurrencyException">
    /// The current key changed since it was read, is no longer active, or is gone (typically: another instance
    /// rotated it first).
    /// </exception>
    /// <exception cref="Storage.DuplicateRecordException">Another key is active for the tenant and class.</exception>
    Task<DataKeyRecord> RotateAsync(DataKeyRecord rotated, DataKeyRecord replacement, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates the state, timestamps, wrapped material and key-encryption key id of a key whose version matches the
    /// stored one, and returns it with the next version. <see cref="DataKeyInfo.UseCount"/> is not written (see
    /// <see cref="AddUsageAsync"/>); the returned record carries the stored count. When the new state is
    /// <see cref="DataKeyState.Destroyed"/> the wrapped material must be <see langword="null"/> and the provider
    /// erases it so that it cannot be recovered from the store's files where the engine allows it.
    /// </summary>
    /// <exception cref="Storage.ConcurrencyException">The stored version differs, the key is gone, or it is already destroyed.</exception>
    /// <exception cref="ArgumentException">The wrapped material does not match the state.</exception>
    Task<DataKeyRecord> UpdateAsync(DataKeyRecord key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds <paramref name="uses"/> to a key's persisted use count without a version check (counts from several
    /// instances add up) and returns the new total, or -1 when the tenant has no such key.
    /// </summary>
    ValueTask<long> AddUsageAsync(string tenantId, Guid keyId, long uses, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's keys ordered by data class, creation time and key id.</summary>
    IAsyncEnumerable<DataKeyRecord> ListAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists every key of every tenant ordered by tenant, data class, creation time and key id. For platform jobs
    /// (scheduled rotation, key-encryption-key rotation), never for request paths.
    /// </summary>
    IAsyncEnumerable<DataKeyRecord> ListAllAsync(CancellationToken cancellationToken = default);
}
