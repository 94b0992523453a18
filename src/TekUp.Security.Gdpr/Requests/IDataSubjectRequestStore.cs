namespace TekUp.Security.Gdpr;

/// <summary>Stores data-subject requests. Implemented by the storage providers; hosts use <see cref="IDataSubjectRequestService"/>.</summary>
public interface IDataSubjectRequestStore
{
    /// <summary>Stores a new request (its <see cref="DataSubjectRequest.Version"/> must be 1).</summary>
    /// <exception cref="Storage.DuplicateRecordException">A request with the same tenant and id exists.</exception>
    Task CreateAsync(DataSubjectRequest request, CancellationToken cancellationToken = default);

    /// <summary>Finds a request of a tenant, or <see langword="null"/>.</summary>
    Task<DataSubjectRequest?> FindAsync(string tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a request if its stored version is <paramref name="expectedVersion"/>; the new record's version must be
    /// <paramref name="expectedVersion"/> + 1.
    /// </summary>
    /// <exception cref="Storage.ConcurrencyException">The stored version differs, or the request does not exist.</exception>
    Task UpdateAsync(DataSubjectRequest request, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's open requests whose deadline in force is at or before <paramref name="now"/>, earliest deadline first.</summary>
    Task<IReadOnlyList<DataSubjectRequest>> ListOverdueAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's requests with data kept under retention whose earliest retention end is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<DataSubjectRequest>> ListRetentionEndedAsync(string tenantId, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's requests of one subject, newest first.</summary>
    Task<IReadOnlyList<DataSubjectRequest>> ListBySubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken = default);
}
