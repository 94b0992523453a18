namespace TekUp.Security.Gdpr;

/// <summary>Stores erasure records, one per erasure request. Implemented by the storage providers.</summary>
public interface IErasureRecordStore
{
    /// <summary>Creates or replaces the record of a request.</summary>
    Task SaveAsync(ErasureRecord record, CancellationToken cancellationToken = default);

    /// <summary>Finds the record of a request, or <see langword="null"/>.</summary>
    Task<ErasureRecord?> FindAsync(string tenantId, Guid requestId, CancellationToken cancellationToken = default);
}
