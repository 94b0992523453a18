namespace TekUp.Security.Gdpr;

/// <summary>Stores encrypted export bundles. Implemented by the storage providers.</summary>
public interface IExportStore
{
    /// <summary>Stores a new export.</summary>
    /// <exception cref="Storage.DuplicateRecordException">The id exists.</exception>
    Task CreateAsync(ExportRecord export, CancellationToken cancellationToken = default);

    /// <summary>Finds an export of a tenant, or <see langword="null"/>.</summary>
    Task<ExportRecord?> FindAsync(string tenantId, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Deletes every export (of every tenant) that expired at or before <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}
