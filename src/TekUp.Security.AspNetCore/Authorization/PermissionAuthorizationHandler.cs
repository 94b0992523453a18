using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using TekUp.Security.Rbac;

namespace TekUp.Security.AspNetCore.Authorization;

/// <summary>
/// Meets <see cref="PermissionRequirement"/>s through <see cref="IPermissionChecker"/>. The principal is the authenticated
/// user's TekUp identity (tenant and subject claims set by the authentication handler, never request values). When the
/// authorization resource is a <see cref="ResourceContext"/> — resource-based authorization after the endpoint loaded the
/// resource — its owner and tenant take part, which is how owner-only resources are protected.
/// </summary>
internal sealed class PermissionAuthorizationHandler(IPermissionChecker checker, IHttpContextAccessor httpContextAccessor)
    : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            // The policy's authenticated-user requirement fails and challenges; there is nobody to check.
            return;
        }

        var principal = TekUpPrincipals.FromClaims(context.User);
        if (principal is null)
        {
            context.Fail(new PermissionAuthorizationFailureReason(this, null));
            return;
        }

        var http = context.Resource as HttpContext ?? httpContextAccessor.HttpContext;
        var decision = await checker.CheckAsync(
            principal,
            requirement.Resource,
            requirement.Action,
            context.Resource as ResourceContext,
            http?.RequestAborted ?? CancellationToken.None).ConfigureAwait(false);
        if (decision.IsAllowed)
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new PermissionAuthorizationFailureReason(this, decision));
        }
    }
}
