namespace TekUp.Security.Gdpr;

/// <summary>Stores restrictions and objections. Implemented by the storage providers; hosts use <see cref="IProcessingRestrictionService"/>.</summary>
public interface IProcessingLimitStore
{
    /// <summary>Records a limit; recording the same tenant, subject, kind and purpose again keeps the first record.</summary>
    Task AddAsync(ProcessingLimit limit, CancellationToken cancellationToken = default);

    /// <summary>Removes a limit and returns whether it existed.</summary>
    Task<bool> RemoveAsync(string tenantId, string subjectReference, ProcessingLimitKind kind, string purpose, CancellationToken cancellationToken = default);

    /// <summary>Lists the limits of a subject, ordered by kind then purpose.</summary>
    Task<IReadOnlyList<ProcessingLimit>> ListAsync(string tenantId, string subjectReference, CancellationToken cancellationToken = default);
}
