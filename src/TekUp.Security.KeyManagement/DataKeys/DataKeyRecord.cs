namespace TekUp.Security.KeyManagement;

/// <summary>
/// A data key as a store keeps it: its metadata and its material wrapped by a key-encryption key. Plain key
/// material is never stored. Stores implement <see cref="IDataKeyStore"/>; hosts see <see cref="DataKeyInfo"/>.
/// </summary>
public sealed record DataKeyRecord : DataKeyInfo
{
    /// <summary>
    /// The key material wrapped by <see cref="DataKeyInfo.KeyEncryptionKeyId"/>; <see langword="null"/> exactly when
    /// <see cref="DataKeyInfo.State"/> is <see cref="DataKeyState.Destroyed"/>.
    /// </summary>
#pragma warning disable CA1819 // A store record carries the wrapped blob as the provider reads and writes it.
    public byte[]? WrappedKey { get; init; }
#pragma warning restore CA1819

    /// <summary>
    /// Throws when the record breaks an invariant every store enforces: a tenant id, a defined data class and state,
    /// a key-encryption key id, and wrapped material present exactly when the key is not destroyed. Store providers
    /// call it before writing.
    /// </summary>
    /// <exception cref="ArgumentException">The record is inconsistent.</exception>
    public void EnsureConsistent()
    {
        ArgumentException.ThrowIfNullOrEmpty(TenantId);
        ArgumentException.ThrowIfNullOrEmpty(KeyEncryptionKeyId);
        if (!Enum.IsDefined(DataClass) || !Enum.IsDefined(State))
        {
            throw new ArgumentException($"Key {KeyId} has an undefined data class or state.");
        }

        if ((State == DataKeyState.Destroyed) != (WrappedKey is null) || WrappedKey is { Length: 0 })
        {
            throw new ArgumentException(State == DataKeyState.Destroyed
                ? $"Destroyed key {KeyId} must not carry wrapped material."
                : $"Key {KeyId} in state {State} must carry non-empty wrapped material.");
        }
    }

    /// <summary>
    /// Throws when <paramref name="rotated"/> and <paramref name="replacement"/> do not form a rotation: the current key
    /// marked rotated and a new active key of the same tenant and data class. Store providers call it in
    /// <see cref="IDataKeyStore.RotateAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The pair is not a rotation.</exception>
    public static void EnsureRotation(DataKeyRecord rotated, DataKeyRecord replacement)
    {
        ArgumentNullException.ThrowIfNull(rotated);
        ArgumentNullException.ThrowIfNull(replacement);
        rotated.EnsureConsistent();
        replacement.EnsureConsistent();
        if (rotated.State != DataKeyState.Rotated || replacement.State != DataKeyState.Active
            || rotated.TenantId != replacement.TenantId || rotated.DataClass != replacement.DataClass)
        {
            throw new ArgumentException("A rotation replaces an active key by a new active key of the same tenant and data class.");
        }
    }

    /// <summary>The metadata without the wrapped material.</summary>
    public DataKeyInfo ToInfo() => Copy(this);
}
