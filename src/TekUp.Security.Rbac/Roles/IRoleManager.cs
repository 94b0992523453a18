namespace TekUp.Security.Rbac;

/// <summary>
/// Administers roles and assignments with validation, optimistic concurrency and audit entries. Every change takes
/// effect for checks in this process as soon as the call returns, and in other instances sharing the store within
/// <see cref="RbacOptions.EpochCheckInterval"/>. The manager does not authorize its caller: protect the endpoints that
/// call it with a permission of their own (for example <c>rbac.roles:write</c>).
/// </summary>
public interface IRoleManager
{
    /// <summary>Finds a role, or returns <see langword="null"/> (also for malformed ids).</summary>
    ValueTask<Role?> FindRoleAsync(string tenantId, string roleId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's roles, ordered by id.</summary>
    Task<IReadOnlyList<Role>> ListRolesAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Creates a role. <see cref="Role.Version"/> and the timestamps of <paramref name="role"/> are ignored.</summary>
    /// <param name="role">The role.</param>
    /// <param name="actorId">Who makes the change, for the audit entry. Default <c>system</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored role, version 1.</returns>
    /// <exception cref="ArgumentException">The role is invalid (every problem is listed) or a parent role does not exist.</exception>
    /// <exception cref="RoleInheritanceCycleException">The parents would make the role inherit from itself.</exception>
    /// <exception cref="Storage.DuplicateRecordException">The tenant already has a role with that id.</exception>
    Task<Role> CreateRoleAsync(Role role, string? actorId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a role's name, description, permissions and parents. <see cref="Role.Version"/> must be the version the
    /// caller read (optimistic concurrency).
    /// </summary>
    /// <param name="role">The changed role.</param>
    /// <param name="actorId">Who makes the change, for the audit entry. Default <c>system</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored role with its next version.</returns>
    /// <exception cref="ArgumentException">The role is invalid or a parent role does not exist.</exception>
    /// <exception cref="RoleInheritanceCycleException">The parents would create an inheritance cycle.</exception>
    /// <exception cref="Storage.ConcurrencyException">The role was changed or deleted since that version was read.</exception>
    Task<Role> UpdateRoleAsync(Role role, string? actorId = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes a role and every assignment of it.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="roleId">The role.</param>
    /// <param name="expectedVersion">The version the caller read.</param>
    /// <param name="actorId">Who makes the change, for the audit entry. Default <c>system</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="RoleInUseException">Other roles inherit from the role.</exception>
    /// <exception cref="Storage.ConcurrencyException">The role was changed or deleted since that version was read.</exception>
    Task DeleteRoleAsync(string tenantId, string roleId, long expectedVersion, string? actorId = null, CancellationToken cancellationToken = default);

    /// <summary>Gives a principal a role. Returns <see langword="false"/> when it already had it.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="subjectId">The principal's subject id, 1-256 characters without control characters.</param>
    /// <param name="roleId">The role.</param>
    /// <param name="actorId">Who makes the change, for the audit entry. Default <c>system</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">An id is malformed.</exception>
    /// <exception cref="KeyNotFoundException">The tenant has no such role.</exception>
    Task<bool> AssignRoleAsync(string tenantId, string subjectId, string roleId, string? actorId = null, CancellationToken cancellationToken = default);

    /// <summary>Takes a role from a principal. Returns <see langword="false"/> when it did not have it.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="subjectId">The principal's subject id.</param>
    /// <param name="roleId">The role.</param>
    /// <param name="actorId">Who makes the change, for the audit entry. Default <c>system</c>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">An id is malformed.</exception>
    Task<bool> UnassignRoleAsync(string tenantId, string subjectId, string roleId, string? actorId = null, CancellationToken cancellationToken = default);

    /// <summary>Lists assignments in a tenant: all of them, or one principal's when <paramref name="subjectId"/> is given.</summary>
    Task<IReadOnlyList<RoleAssignment>> ListAssignmentsAsync(string tenantId, string? subjectId = null, CancellationToken cancellationToken = default);
}
