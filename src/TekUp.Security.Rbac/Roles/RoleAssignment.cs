namespace TekUp.Security.Rbac;

/// <summary>A principal (user, API key or service, by subject id) holding a role in a tenant.</summary>
public sealed record RoleAssignment
{
    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The principal's subject id (<see cref="Principals.SecurityPrincipal.SubjectId"/>), 1-256 characters.</summary>
    public required string SubjectId { get; init; }

    /// <summary>The role id.</summary>
    public required string RoleId { get; init; }

    /// <summary>When the role was assigned.</summary>
    public DateTimeOffset AssignedAt { get; init; }
}
