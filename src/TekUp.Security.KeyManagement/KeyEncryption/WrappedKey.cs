namespace TekUp.Security.KeyManagement;

/// <summary>Key material wrapped by a key-encryption key.</summary>
/// <param name="KeyEncryptionKeyId">The id of the KEK that wrapped the material.</param>
/// <param name="Ciphertext">The wrapped material, in the provider's own format.</param>
#pragma warning disable CA1819 // The wrapped blob is handed to the store as is.
public sealed record WrappedKey(string KeyEncryptionKeyId, byte[] Ciphertext);
#pragma warning restore CA1819
