namespace TekUp.Security.Gdpr;

/// <summary>Stores per-subject keys. Implemented by the storage providers; hosts use <see cref="ISubjectKeyService"/>.</summary>
public interface ISubjectKeyStore
{
    /// <summary>Stores a new key.</summary>
    /// <exception cref="Storage.DuplicateRecordException">The subject already has a key that is not destroyed, or the key id exists.</exception>
    Task CreateAsync(SubjectKeyRecord key, CancellationToken cancellationToken = default);

    /// <summary>Finds the subject's key that is not destroyed, or <see langword="null"/>.</summary>
    Task<SubjectKeyRecord?> FindActiveAsync(string tenantId, string subjectReference, CancellationToken cancellationToken = default);

    /// <summary>Finds a key (destroyed or not) by id, or <see langword="null"/>.</summary>
    Task<SubjectKeyRecord?> FindAsync(string tenantId, Guid keyId, CancellationToken cancellationToken = default);

    /// <summary>Erases the wrapped material of a key and marks it destroyed; returns <see langword="false"/> when it was not found or already destroyed.</summary>
    Task<bool> DestroyAsync(string tenantId, Guid keyId, DateTimeOffset destroyedAt, CancellationToken cancellationToken = default);
}
