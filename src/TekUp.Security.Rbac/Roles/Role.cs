namespace TekUp.Security.Rbac;

/// <summary>
/// A named set of permissions inside one tenant. A role also holds every permission of its parent roles (transitively);
/// inheritance cycles are refused when a role is saved. A role never grants anything in another tenant.
/// </summary>
public sealed record Role
{
    /// <summary>The tenant the role belongs to.</summary>
    public required string TenantId { get; init; }

    /// <summary>The role id, unique in the tenant: 1-64 characters of lower-case ASCII letters, digits, '.', '-' or '_'.</summary>
    public required string Id { get; init; }

    /// <summary>A display name, 1-200 characters.</summary>
    public required string Name { get; init; }

    /// <summary>An optional description, at most 1000 characters.</summary>
    public string? Description { get; init; }

    /// <summary>The role's own permissions (at most 500).</summary>
    public IReadOnlyList<Permission> Permissions { get; init; } = [];

    /// <summary>The ids of the roles this role inherits from, in the same tenant (at most 32).</summary>
    public IReadOnlyList<string> ParentRoleIds { get; init; } = [];

    /// <summary>When the role was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the role was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The optimistic-concurrency version: 1 when created, incremented by the store on every update.</summary>
    public long Version { get; init; }

    /// <summary><see langword="true"/> when one of the role's own permissions is a wildcard grant (<see cref="Permission.IsWildcardGrant"/>).</summary>
    public bool HasWildcardGrant
    {
        get
        {
            foreach (var permission in Permissions)
            {
                if (permission.IsWildcardGrant)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Compares every field, including the lists element by element.</summary>
    public bool Equals(Role? other) =>
        other is not null
        && TenantId == other.TenantId
        && Id == other.Id
        && Name == other.Name
        && Description == other.Description
        && CreatedAt == other.CreatedAt
        && UpdatedAt == other.UpdatedAt
        && Version == other.Version
        && Permissions.SequenceEqual(other.Permissions)
        && ParentRoleIds.SequenceEqual(other.ParentRoleIds, StringComparer.Ordinal);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TenantId, Id, Version);
}
