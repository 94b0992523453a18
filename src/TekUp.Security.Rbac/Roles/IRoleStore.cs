namespace TekUp.Security.Rbac;

/// <summary>
/// Persists roles. Implemented by every storage provider; use <see cref="IRoleManager"/> rather than the store: the store
/// trusts what it is given. Every change to a tenant's roles or assignments increments the tenant's RBAC <em>epoch</em>
/// in the same transaction, and succeeds only when the caller's expected epoch is still current. That compare-and-swap
/// serialises RBAC writes per tenant (so that the manager's cycle check cannot race another writer) and lets every
/// application instance sharing the store notice a change by reading one number.
/// </summary>
public interface IRoleStore
{
    /// <summary>Reads the tenant's RBAC epoch: 0 before the first change, then incremented by every change.</summary>
    ValueTask<long> GetEpochAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Finds a role, or returns <see langword="null"/>.</summary>
    ValueTask<Role?> FindAsync(string tenantId, string roleId, CancellationToken cancellationToken = default);

    /// <summary>Reads all roles of a tenant, ordered by id, and the epoch they reflect, in one consistent read.</summary>
    Task<TenantRoles> ListAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Creates a role with <see cref="Role.Version"/> 1 and increments the tenant's epoch.</summary>
    /// <exception cref="Storage.DuplicateRecordException">The tenant already has a role with that id.</exception>
    /// <exception cref="Storage.ConcurrencyException">The tenant's epoch is no longer <paramref name="expectedEpoch"/>.</exception>
    Task<Role> CreateAsync(Role role, long expectedEpoch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a role whose stored version equals <see cref="Role.Version"/>, returns it with the next version, and
    /// increments the tenant's epoch.
    /// </summary>
    /// <exception cref="Storage.ConcurrencyException">
    /// The stored version differs, the role is gone, or the tenant's epoch is no longer <paramref name="expectedEpoch"/>.
    /// </exception>
    Task<Role> UpdateAsync(Role role, long expectedEpoch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a role whose stored version is <paramref name="expectedVersion"/>, together with every assignment of it,
    /// and increments the tenant's epoch.
    /// </summary>
    /// <exception cref="Storage.ConcurrencyException">
    /// The stored version differs, the role is gone, or the tenant's epoch is no longer <paramref name="expectedEpoch"/>.
    /// </exception>
    Task DeleteAsync(string tenantId, string roleId, long expectedVersion, long expectedEpoch, CancellationToken cancellationToken = default);
}
