using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// Hands out unwrapped data keys: the active key of a tenant and data class (created on first use), or a key by id
/// for decryption. Keys are cached in memory with a bounded size and lifetime and zeroed when dropped. A thread-safe
/// singleton. Most hosts use <see cref="IEncryptionService"/> instead.
/// </summary>
/// <remarks>
/// <para>
/// <b>Key lifetime.</b> The ring owns every key it hands out; never dispose one. A key from
/// <see cref="GetActiveKeyAsync"/> or <see cref="GetKeyAsync"/> stays usable for at least
/// <see cref="KeyManagementOptions.KeyHandOutGracePeriod"/> (default 1 minute) after the call returns, even if the
/// cache drops it meanwhile: use it for the operation at hand and do not keep it. For longer work, take a lease
/// (<see cref="LeaseActiveKeyAsync"/>, <see cref="LeaseKeyAsync"/>): the key is not zeroed before the lease is
/// disposed. A key used after its time throws <see cref="ObjectDisposedException"/>; it never encrypts under
/// zeroed material.
/// </para>
/// <para>
/// <b>Failures.</b> A key that is not the tenant's (unknown, of another tenant, of another data class), revoked or
/// destroyed is refused with <see cref="KeyUnavailableException"/> (a <see cref="System.Security.Cryptography.CryptographicException"/>)
/// whose <see cref="KeyUnavailableException.Reason"/> says which. A malformed tenant id or undefined data class is
/// misuse: <see cref="ArgumentException"/>.
/// </para>
/// </remarks>
public interface IKeyRing
{
    /// <summary>Returns the active key of a tenant and data class, generating the first one when there is none.</summary>
    ValueTask<AeadKey> GetActiveKeyAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken = default);

    /// <summary>Returns a key of a tenant and data class by id, to decrypt: active or rotated keys only.</summary>
    /// <exception cref="KeyUnavailableException">The tenant has no such key for the class, or it is revoked or destroyed.</exception>
    ValueTask<AeadKey> GetKeyAsync(string tenantId, DataClass dataClass, Guid keyId, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="GetActiveKeyAsync"/>, but the key stays usable until the lease is disposed.</summary>
    ValueTask<DataKeyLease> LeaseActiveKeyAsync(string tenantId, DataClass dataClass, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="GetKeyAsync"/>, but the key stays usable until the lease is disposed.</summary>
    /// <exception cref="KeyUnavailableException">The tenant has no such key for the class, or it is revoked or destroyed.</exception>
    ValueTask<DataKeyLease> LeaseKeyAsync(string tenantId, DataClass dataClass, Guid keyId, CancellationToken cancellationToken = default);
}
