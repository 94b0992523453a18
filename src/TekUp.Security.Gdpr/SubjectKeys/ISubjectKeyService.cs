namespace TekUp.Security.Gdpr;

/// <summary>
/// Crypto-shredding: a data key per data subject, wrapped by the KeyManagement key-encryption key. A host encrypts a
/// subject's fields with <see cref="EncryptAsync"/> wherever they are stored (databases, files, queues, and so the
/// backups of all of these); <see cref="DestroyAsync"/> erases the key, after which every such ciphertext, in every copy,
/// fails to decrypt with <see cref="KeyManagement.KeyUnavailableException"/> (reason
/// <see cref="KeyManagement.KeyUnavailableReason.Destroyed"/>). A completed erasure request destroys the key (see
/// <see cref="GdprOptions.ShredSubjectKeyOnErasure"/>). A thread-safe singleton.
/// </summary>
/// <remarks>
/// Ciphertexts use the TekUp envelope format with the tenant, <see cref="DataClasses.DataClass.Personal"/> and the caller
/// context bound in, and name the subject key, so <see cref="DecryptAsync"/> needs no subject id. The subject-key store
/// itself must not be restored from a backup older than the last key destruction without replaying the destructions
/// recorded in the erasure records (see docs/gdpr.md, "Backups").
/// </remarks>
public interface ISubjectKeyService
{
    /// <summary>Encrypts under the subject's key, creating the key on first use (also after a destruction: a returning subject gets a new key).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="subjectId">The subject.</param>
    /// <param name="plaintext">The data.</param>
    /// <param name="context">Optional bytes binding the ciphertext to one place (at most 1024 bytes), for example <c>"customers/42/email"u8</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<byte[]> EncryptAsync(string tenantId, string subjectId, ReadOnlyMemory<byte> plaintext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default);

    /// <summary>Decrypts an envelope made by <see cref="EncryptAsync"/> for this tenant.</summary>
    /// <exception cref="KeyManagement.KeyUnavailableException">The key is destroyed, or not the tenant's.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The envelope is malformed or tampered with, or the context differs.</exception>
    Task<byte[]> DecryptAsync(string tenantId, ReadOnlyMemory<byte> ciphertext, ReadOnlyMemory<byte> context = default, CancellationToken cancellationToken = default);

    /// <summary>Encrypts UTF-8 text and returns the envelope as base64url.</summary>
    Task<string> EncryptStringAsync(string tenantId, string subjectId, string plaintext, string? context = null, CancellationToken cancellationToken = default);

    /// <summary>Decrypts base64url text made by <see cref="EncryptStringAsync"/>.</summary>
    /// <exception cref="KeyManagement.KeyUnavailableException">The key is destroyed, or not the tenant's.</exception>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The text is not a valid envelope for this tenant and context.</exception>
    Task<string> DecryptStringAsync(string tenantId, string ciphertext, string? context = null, CancellationToken cancellationToken = default);

    /// <summary>Destroys the subject's key; returns <see langword="false"/> when the subject has none. Audited.</summary>
    Task<bool> DestroyAsync(string tenantId, string subjectId, CancellationToken cancellationToken = default);
}
