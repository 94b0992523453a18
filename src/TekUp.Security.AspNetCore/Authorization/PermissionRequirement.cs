using Microsoft.AspNetCore.Authorization;

namespace TekUp.Security.AspNetCore.Authorization;

/// <summary>
/// An authorization requirement met when TekUp.Security.Rbac allows the principal <see cref="Action"/> on
/// <see cref="Resource"/>. When the authorization resource is a <see cref="Rbac.ResourceContext"/>, its owner and tenant
/// take part in the decision (owner and same-tenant conditions, cross-tenant deny).
/// </summary>
public sealed class PermissionRequirement : IAuthorizationRequirement
{
    /// <summary>Creates the requirement.</summary>
    /// <param name="resource">The resource type, for example <c>invoices</c>.</param>
    /// <param name="action">The action, for example <c>read</c>.</param>
    public PermissionRequirement(string resource, string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(resource);
        ArgumentException.ThrowIfNullOrEmpty(action);
        Resource = resource;
        Action = action;
    }

    /// <summary>The resource type.</summary>
    public string Resource { get; }

    /// <summary>The action.</summary>
    public string Action { get; }

    /// <inheritdoc />
    public override string ToString() => $"TekUp permission {Resource}:{Action}";
}
