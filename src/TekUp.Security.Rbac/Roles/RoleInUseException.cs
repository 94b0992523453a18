namespace TekUp.Security.Rbac;

/// <summary>A role cannot be deleted because other roles inherit from it.</summary>
public sealed class RoleInUseException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public RoleInUseException()
    {
        ChildRoleIds = [];
    }

    /// <summary>Creates the exception with a message.</summary>
    public RoleInUseException(string message)
        : base(message)
    {
        ChildRoleIds = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public RoleInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
        ChildRoleIds = [];
    }

    /// <summary>Creates the exception for a role and the roles that inherit from it.</summary>
    public RoleInUseException(string roleId, IReadOnlyList<string> childRoleIds)
        : base($"Role '{roleId}' cannot be deleted: roles {string.Join(", ", childRoleIds.Select(r => $"'{r}'"))} inherit from it.")
    {
        ChildRoleIds = childRoleIds;
    }

    /// <summary>The roles that inherit from the role.</summary>
    public IReadOnlyList<string> ChildRoleIds { get; }
}
