namespace TekUp.Security.Rbac;

/// <summary>A consistent read of a tenant's roles together with the tenant's RBAC epoch at the time of the read.</summary>
/// <param name="Epoch">The tenant's RBAC epoch (see <see cref="IRoleStore.GetEpochAsync"/>).</param>
/// <param name="Roles">The tenant's roles, ordered by id.</param>
public sealed record TenantRoles(long Epoch, IReadOnlyList<Role> Roles);
