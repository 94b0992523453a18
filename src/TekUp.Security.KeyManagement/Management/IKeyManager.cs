using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// Administers data keys: rotation (manual, scheduled, by use count), revocation, destruction (crypto-shredding),
/// key-encryption-key rotation and listing. Every change is audited. A thread-safe singleton; several instances of
/// a host may call it at once (races are settled by the store).
/// </summary>
public interface IKeyManager
{
    /// <summary>Returns the active key of a tenant and data class, generating it when there is none (an explicit "create keys").</summary>
    Task<DataKeyInfo> EnsureActiveKeyAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the active key of a tenant and class by a new one; the old key becomes rotated and still decrypts.
    /// When another caller rotates the same key at the same moment, both get the one new key (no double rotation).
    /// Generates the first key when there is none.
    /// </summary>
    /// <returns>The new active key.</returns>
    Task<DataKeyInfo> RotateAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken = default);

    /// <summary>
    /// Refuses a key for any further use (for example after a suspected compromise). Revoking the active key makes the
    /// next encryption generate a new one. Revoking a revoked or destroyed key changes nothing.
    /// </summary>
    /// <returns>The key after the call, or <see langword="null"/> when the tenant has no key with that id.</returns>
    Task<DataKeyInfo?> RevokeAsync(string tenantId, Guid keyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Crypto-shredding: erases a key's wrapped material from the store and its unwrapped copy from this instance's
    /// cache, for good. Everything encrypted under it becomes unreadable (<see cref="KeyUnavailableException"/> with
    /// <see cref="KeyUnavailableReason.Destroyed"/>). Other instances drop their cached copy within
    /// <see cref="KeyManagementOptions.CacheLifetime"/>. Destroying a destroyed key changes nothing.
    /// </summary>
    /// <returns>The key after the call, or <see langword="null"/> when the tenant has no key with that id.</returns>
    Task<DataKeyInfo?> DestroyAsync(string tenantId, Guid keyId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Destroys every key of a tenant, or of one of its data classes (for example when a tenant leaves, or to erase a
    /// whole class of its data).
    /// </summary>
    /// <returns>The keys destroyed by this call.</returns>
    Task<IReadOnlyList<DataKeyInfo>> DestroyAllAsync(string tenantId, DataClass? dataClass = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rotates every active key that was active for its class's rotation period (financial and health 30 days,
    /// personal 90, general 365, configurable) or reached <see cref="KeyManagementOptions.MaxKeyUses"/> encryptions.
    /// Safe to run on several instances at once: a key rotated by another instance is not rotated again.
    /// </summary>
    /// <returns>The rotations this call performed.</returns>
    Task<IReadOnlyList<KeyRotation>> RotateDueKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Rewraps every data key (and platform secret) that is not wrapped under the current key-encryption key, without
    /// touching any encrypted data. Run it after configuring a new master key (keeping the old one among the previous
    /// keys until this has finished), or after a KMS key change.
    /// </summary>
    Task<KeyEncryptionKeyRotationResult> RotateKeyEncryptionKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Rotates the key that signs audit checkpoints (also rotated on the general schedule by
    /// <see cref="RotateDueKeysAsync"/>). Checkpoints signed with earlier keys still verify. Instances switch to the
    /// new key within <see cref="KeyManagementOptions.CacheLifetime"/>.
    /// </summary>
    /// <returns>The id of the new signing key, as stored with the checkpoints it signs.</returns>
    Task<string> RotateAuditSigningKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's keys (metadata only), ordered by data class and creation time.</summary>
    Task<IReadOnlyList<DataKeyInfo>> ListKeysAsync(string tenantId, CancellationToken cancellationToken = default);
}
