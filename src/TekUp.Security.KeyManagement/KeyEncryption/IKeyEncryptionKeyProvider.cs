namespace TekUp.Security.KeyManagement;

/// <summary>
/// Wraps and unwraps data-key material with a key-encryption key (KEK). The built-in
/// <see cref="LocalMasterKeyProvider"/> uses a local master key; implement this interface to keep the KEK in a
/// cloud KMS or an HSM (register it with <c>builder.UseKeyEncryptionKeyProvider&lt;T&gt;()</c>). Implementations must
/// bind <see cref="KeyWrapContext"/> into the wrapping (as additional authenticated data or an encryption
/// context) so that wrapped material copied to another key's row fails to unwrap.
/// </summary>
public interface IKeyEncryptionKeyProvider
{
    /// <summary>
    /// The id of the KEK that <see cref="WrapKeyAsync"/> uses now. Data keys wrapped under any other id are rewrapped
    /// by <see cref="IKeyManager.RotateKeyEncryptionKeyAsync"/>.
    /// </summary>
    string CurrentKeyId { get; }

    /// <summary>Wraps key material under the current KEK.</summary>
    /// <param name="keyMaterial">The plain key material. Not retained.</param>
    /// <param name="context">The key the material belongs to, bound into the wrapping.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The wrapped material and the id of the KEK that wrapped it.</returns>
    ValueTask<WrappedKey> WrapKeyAsync(ReadOnlyMemory<byte> keyMaterial, KeyWrapContext context, CancellationToken cancellationToken = default);

    /// <summary>Unwraps key material. The caller owns the returned array and zeroes it after use.</summary>
    /// <param name="wrappedKey">The wrapped material and the id of the KEK that wrapped it.</param>
    /// <param name="context">The key the material belongs to; must equal the context it was wrapped with.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="System.Security.Cryptography.CryptographicException">
    /// The KEK is unknown, or the wrapped material was tampered with or belongs to another key.
    /// </exception>
    ValueTask<byte[]> UnwrapKeyAsync(WrappedKey wrappedKey, KeyWrapContext context, CancellationToken cancellationToken = default);
}
