using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// A data key as a store keeps it: its metadata and its material wrapped by a key-encryption key. Plain key
/// material is never stored. Stores implement <see cref="IDataKeyStore"/>; hosts see <see cref="DataKeyInfo"/>.
/// </summary>
public sealed record DataKeyRecord
{
    /// <summary>The key id, bound into every ciphertext the key produces.</summary>
    public required Guid KeyId { get; init; }

    /// <summary>The tenant that owns the key.</summary>
    public required string TenantId { get; init; }

    /// <summary>The data class the key protects.</summary>
    public required DataClass DataClass { get; init; }

    /// <summary>The lifecycle state.</summary>
    public required DataKeyState State { get; init; }

    /// <summary>
    /// The key material wrapped by <see cref="KeyEncryptionKeyId"/>; <see langword="null"/> exactly when
    /// <see cref="State"/> is <see cref="DataKeyState.Destroyed"/>.
    /// </summary>
#pragma warning disable CA1819 // A store record carries the wrapped blob as the provider reads and writes it.
    public byte[]? WrappedKey { get; init; }
#pragma warning restore CA1819

    /// <summary>The id of the key-encryption key that wrapped <see cref="WrappedKey"/>.</summary>
    public required string KeyEncryptionKeyId { get; init; }

    /// <summary>When the key was generated.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the key became active (the same as <see cref="CreatedAt"/> for keys generated active).</summary>
    public required DateTimeOffset ActivatedAt { get; init; }

    /// <summary>When the key was replaced by a newer one, if it was.</summary>
    public DateTimeOffset? RotatedAt { get; init; }

    /// <summary>When the key was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>When the key material was erased, if it was.</summary>
    public DateTimeOffset? DestroyedAt { get; init; }

    /// <summary>
    /// How many encryptions the key performed, as persisted. Instances add their counts in batches through
    /// <see cref="IDataKeyStore.AddUsageAsync"/>, so the value may lag the true count a little.
    /// </summary>
    public long UseCount { get; init; }

    /// <summary>The optimistic-concurrency version, 1 when created and incremented by the store on every update.</summary>
    public long Version { get; init; }

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

    /// <summary>The metadata without the wrapped material.</summary>
    public DataKeyInfo ToInfo() => new()
    {
        KeyId = KeyId,
        TenantId = TenantId,
        DataClass = DataClass,
        State = State,
        KeyEncryptionKeyId = KeyEncryptionKeyId,
        CreatedAt = CreatedAt,
        ActivatedAt = ActivatedAt,
        RotatedAt = RotatedAt,
        RevokedAt = RevokedAt,
        DestroyedAt = DestroyedAt,
        UseCount = UseCount,
        Version = Version,
    };
}
