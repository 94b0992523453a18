using Microsoft.AspNetCore.Authorization;

namespace TekUp.Security.AspNetCore.Authorization;

/// <summary>
/// Requires that the authenticated TekUp principal may perform <see cref="Action"/> on <see cref="Resource"/>, decided by
/// TekUp.Security.Rbac. The policy is built on demand by the TekUp permission policy provider; no policy needs to be
/// registered. For checks that need the resource's owner or tenant, authorize in the endpoint with
/// <see cref="TekUpAuthorizationServiceExtensions.AuthorizePermissionAsync"/> after loading the resource.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class RequirePermissionAttribute : AuthorizeAttribute
{
    /// <summary>Requires a permission.</summary>
    /// <param name="resource">The resource type, for example <c>invoices</c>.</param>
    /// <param name="action">The action, for example <c>read</c>.</param>
    public RequirePermissionAttribute(string resource, string action)
        : base(PermissionPolicyName.Format(resource, action))
    {
        Resource = resource;
        Action = action;
    }

    /// <summary>The resource type.</summary>
    public string Resource { get; }

    /// <summary>The action.</summary>
    public string Action { get; }
}
