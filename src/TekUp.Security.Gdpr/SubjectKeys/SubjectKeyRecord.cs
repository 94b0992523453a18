namespace TekUp.Security.Gdpr;

/// <summary>
/// A per-subject data key as stored: only wrapped by the key-encryption key, and known by the subject's keyed pseudonym.
/// After destruction the wrapped material is gone and the row remains as a tombstone naming the key id.
/// </summary>
public sealed record SubjectKeyRecord
{
    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The key id, written into every envelope the key encrypts.</summary>
    public required Guid KeyId { get; init; }

    /// <summary>The subject's keyed pseudonym (never the subject id itself).</summary>
    public required string SubjectReference { get; init; }

    /// <summary>The id of the key-encryption key that wrapped the material.</summary>
    public required string KeyEncryptionKeyId { get; init; }

#pragma warning disable CA1819 // The wrapped blob is handed to the store as is.
    /// <summary>The wrapped key material; <see langword="null"/> once destroyed.</summary>
    public byte[]? WrappedKey { get; init; }
#pragma warning restore CA1819

    /// <summary>When the key was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the key was destroyed, or <see langword="null"/>.</summary>
    public DateTimeOffset? DestroyedAt { get; init; }
}
