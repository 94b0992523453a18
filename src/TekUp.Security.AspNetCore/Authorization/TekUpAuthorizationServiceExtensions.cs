using System.Security.Claims;
using TekUp.Security.AspNetCore.Authorization;
using TekUp.Security.Rbac;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>Resource-based TekUp permission checks through ASP.NET Core's <see cref="IAuthorizationService"/>.</summary>
public static class TekUpAuthorizationServiceExtensions
{
    /// <summary>
    /// Checks a permission against a loaded resource: <paramref name="resourceContext"/> carries the resource's owner and
    /// tenant <em>as read from the host's data</em>, so owner-only and same-tenant conditions can be decided. Use it in an
    /// endpoint after loading the resource; answer 403 (or 404, to hide existence) when it fails.
    /// </summary>
    /// <param name="service">The authorization service.</param>
    /// <param name="user">The authenticated user.</param>
    /// <param name="resource">The resource type, for example <c>expenses</c>.</param>
    /// <param name="action">The action, for example <c>edit</c>.</param>
    /// <param name="resourceContext">The resource's owner, tenant and id.</param>
    /// <returns>The result; on failure <see cref="GetAccessDecision"/> gives the Rbac decision.</returns>
    public static Task<AuthorizationResult> AuthorizePermissionAsync(
        this IAuthorizationService service, ClaimsPrincipal user, string resource, string action, ResourceContext resourceContext)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(resourceContext);
        return service.AuthorizeAsync(user, resourceContext, new PermissionRequirement(resource, action));
    }

    /// <summary>The Rbac decision behind a failed permission check, or <see langword="null"/> when there is none.</summary>
    /// <param name="result">The authorization result.</param>
    public static AccessDecision? GetAccessDecision(this AuthorizationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Failure is null)
        {
            return null;
        }

        foreach (var reason in result.Failure.FailureReasons)
        {
            if (reason is PermissionAuthorizationFailureReason { Decision: { } decision })
            {
                return decision;
            }
        }

        return null;
    }
}
