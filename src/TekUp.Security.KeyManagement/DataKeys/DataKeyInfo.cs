using TekUp.Security.DataClasses;

namespace TekUp.Security.KeyManagement;

/// <summary>
/// The metadata of a data key, as <see cref="IKeyManager"/> reports it. Holds no key material, wrapped or plain
/// (<see cref="DataKeyRecord"/> adds the wrapped material for stores).
/// </summary>
public record DataKeyInfo
{
    /// <summary>The key id, bound into every ciphertext the key produces.</summary>
    public required Guid KeyId { get; init; }

    /// <summary>The tenant that owns the key.</summary>
    public required string TenantId { get; init; }

    /// <summary>The data class the key protects.</summary>
    public required DataClass DataClass { get; init; }

    /// <summary>The lifecycle state.</summary>
    public required DataKeyState State { get; init; }

    /// <summary>The id of the key-encryption key that wraps the key material.</summary>
    public required string KeyEncryptionKeyId { get; init; }

    /// <summary>When the key was generated.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the key became active.</summary>
    public required DateTimeOffset ActivatedAt { get; init; }

    /// <summary>When the key was replaced by a newer one, if it was.</summary>
    public DateTimeOffset? RotatedAt { get; init; }

    /// <summary>When the key was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>When the key material was erased, if it was.</summary>
    public DateTimeOffset? DestroyedAt { get; init; }

    /// <summary>How many encryptions the key performed, as persisted (it may lag by one batch per instance).</summary>
    public long UseCount { get; init; }

    /// <summary>The optimistic-concurrency version.</summary>
    public long Version { get; init; }

    /// <summary>A plain <see cref="DataKeyInfo"/> with the metadata of <paramref name="source"/> (dropping anything a derived record adds).</summary>
    internal static DataKeyInfo Copy(DataKeyInfo source) => new(source);
}
