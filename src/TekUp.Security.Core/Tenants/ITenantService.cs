namespace TekUp.Security.Tenants;

/// <summary>
/// Creates and changes tenants with validation and audit entries. Use this rather than <see cref="ITenantStore"/>
/// directly: the store trusts what it is given.
/// </summary>
public interface ITenantService
{
    /// <summary>Finds a tenant, or returns <see langword="null"/>.</summary>
    ValueTask<Tenant?> FindAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Creates an active tenant.</summary>
    /// <param name="tenantId">1-64 ASCII letters, digits, '.', '-' or '_'.</param>
    /// <param name="name">A display name, 1-200 characters.</param>
    /// <param name="ipAllowList">Networks in CIDR notation; empty or <see langword="null"/> for no restriction.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The id, name or a network is invalid (a CIDR with host bits set, for example).</exception>
    /// <exception cref="Storage.DuplicateRecordException">The id is taken.</exception>
    Task<Tenant> CreateAsync(string tenantId, string name, IEnumerable<string>? ipAllowList = null, CancellationToken cancellationToken = default);

    /// <summary>Changes a tenant's status (suspend, reactivate, deactivate).</summary>
    /// <exception cref="KeyNotFoundException">No such tenant.</exception>
    Task<Tenant> SetStatusAsync(string tenantId, TenantStatus status, CancellationToken cancellationToken = default);

    /// <summary>Replaces a tenant's IP allow-list.</summary>
    /// <exception cref="ArgumentException">A network is invalid.</exception>
    /// <exception cref="KeyNotFoundException">No such tenant.</exception>
    Task<Tenant> SetIpAllowListAsync(string tenantId, IEnumerable<string> ipAllowList, CancellationToken cancellationToken = default);
}
