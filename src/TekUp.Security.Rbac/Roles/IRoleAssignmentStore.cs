namespace TekUp.Security.Rbac;

/// <summary>
/// Persists which principal holds which role. Implemented by every storage provider beside <see cref="IRoleStore"/>, on
/// the same storage and the same per-tenant epoch.
/// </summary>
public interface IRoleAssignmentStore
{
    /// <summary>Lists a principal's assignments in a tenant, ordered by role id.</summary>
    Task<IReadOnlyList<RoleAssignment>> ListForSubjectAsync(string tenantId, string subjectId, CancellationToken cancellationToken = default);

    /// <summary>Lists all assignments of a tenant, ordered by subject id then role id.</summary>
    Task<IReadOnlyList<RoleAssignment>> ListForTenantAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds an assignment and increments the tenant's epoch. Returns <see langword="false"/>, changing nothing, when the
    /// principal already holds the role.
    /// </summary>
    /// <exception cref="Storage.ConcurrencyException">
    /// The tenant's epoch is no longer <paramref name="expectedEpoch"/>, or the role does not exist.
    /// </exception>
    Task<bool> AddAsync(RoleAssignment assignment, long expectedEpoch, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes an assignment and increments the tenant's epoch. Returns <see langword="false"/>, changing nothing, when
    /// there was no such assignment.
    /// </summary>
    /// <exception cref="Storage.ConcurrencyException">The tenant's epoch is no longer <paramref name="expectedEpoch"/>.</exception>
    Task<bool> RemoveAsync(string tenantId, string subjectId, string roleId, long expectedEpoch, CancellationToken cancellationToken = default);
}
