namespace TekUp.Security.Tenants;

/// <summary>Persists tenants. Implemented by every storage provider.</summary>
public interface ITenantStore
{
    /// <summary>Finds a tenant by id, or returns <see langword="null"/>.</summary>
    ValueTask<Tenant?> FindAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Creates a tenant with <see cref="Tenant.Version"/> 1.</summary>
    /// <exception cref="Storage.DuplicateRecordException">A tenant with the same id exists.</exception>
    Task<Tenant> CreateAsync(Tenant tenant, CancellationToken cancellationToken = default);

    /// <summary>Updates a tenant whose <see cref="Tenant.Version"/> matches the stored one, and returns it with the next version.</summary>
    /// <exception cref="Storage.ConcurrencyException">The stored version differs (someone else changed it) or the tenant is gone.</exception>
    Task<Tenant> UpdateAsync(Tenant tenant, CancellationToken cancellationToken = default);

    /// <summary>Lists all tenants ordered by id.</summary>
    IAsyncEnumerable<Tenant> ListAsync(CancellationToken cancellationToken = default);
}
