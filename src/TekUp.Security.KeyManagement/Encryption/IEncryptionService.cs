using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// Envelope encryption with per-tenant, per-data-class keys: what a host calls to protect a value before storing it.
/// A thread-safe singleton. Ciphertexts use the TekUp envelope format (see <c>docs/crypto-format.md</c>) and name
/// the key that encrypted them, so decryption finds the key itself.
/// </summary>
/// <remarks>
/// <para>
/// The tenant, data class and optional caller <c>context</c> (for example <c>"customers/42/email"u8</c>) are bound
/// into the ciphertext: decryption must present the same values. The key is looked up among the given tenant's
/// keys of the given class only, so another tenant's ciphertext is refused before any decryption is attempted.
/// </para>
/// <para>
/// Failures: a ciphertext that is malformed, tampered with, or bound to another tenant, class or context throws
/// <see cref="System.Security.Cryptography.CryptographicException"/>; a key that is unknown to the tenant, revoked
/// or destroyed throws its subclass <see cref="KeyUnavailableException"/>. A malformed tenant id or undefined data
/// class throws <see cref="ArgumentException"/>.
/// </para>
/// </remarks>
public interface IEncryptionService
{
    /// <summary>Encrypts under the tenant's active key for the class, creating the first key when there is none.</summary>
    /// <param name="tenantId">The tenant the data belongs to.</param>
    /// <param name="dataClass">The class of the data.</param>
    /// <param name="plaintext">The data; may be empty.</param>
    /// <param name="context">Optional bytes binding the ciphertext to one place (at most 1024 bytes).</param>
    /// <param name="cancellationToken">Cancels a key load; encryption itself is not interrupted.</param>
    /// <returns>The envelope.</returns>
    ValueTask<byte[]> EncryptAsync(string tenantId, DataClass dataClass, ReadOnlyMemory<byte> plaintext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default);

    /// <summary>Decrypts an envelope with the tenant's key it names (active or rotated).</summary>
    /// <param name="tenantId">The tenant the data belongs to.</param>
    /// <param name="dataClass">The class of the data.</param>
    /// <param name="ciphertext">The envelope.</param>
    /// <param name="context">The context given at encryption.</param>
    /// <param name="cancellationToken">Cancels a key load.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The envelope does not decrypt for this tenant, class and context.</exception>
    /// <exception cref="KeyUnavailableException">The key is not the tenant's, or it is revoked or destroyed.</exception>
    ValueTask<byte[]> DecryptAsync(string tenantId, DataClass dataClass, ReadOnlyMemory<byte> ciphertext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="EncryptAsync"/>, returning the envelope as base64url text (no padding).</summary>
    ValueTask<string> EncryptToBase64UrlAsync(string tenantId, DataClass dataClass, ReadOnlyMemory<byte> plaintext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="DecryptAsync"/>, for an envelope in base64url text.</summary>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The text is not base64url, or the envelope does not decrypt.</exception>
    /// <exception cref="KeyUnavailableException">The key is not the tenant's, or it is revoked or destroyed.</exception>
    ValueTask<byte[]> DecryptFromBase64UrlAsync(string tenantId, DataClass dataClass, string ciphertext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a ciphertext to the tenant's active key: decrypts it (with a rotated key if need be) and encrypts it again
    /// under the active key. Already under the active key: the ciphertext is authenticated and returned unchanged.
    /// </summary>
    /// <returns>The ciphertext to store, and whether it changed.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The envelope does not decrypt for this tenant, class and context.</exception>
    /// <exception cref="KeyUnavailableException">Its key is not the tenant's, or it is revoked or destroyed.</exception>
    ValueTask<ReEncryptionResult> ReEncryptAsync(string tenantId, DataClass dataClass, ReadOnlyMemory<byte> ciphertext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default);

    /// <summary>Like <see cref="ReEncryptAsync"/>, for an envelope in base64url text.</summary>
    ValueTask<ReEncryptionResult> ReEncryptBase64UrlAsync(string tenantId, DataClass dataClass, string ciphertext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default);
}
