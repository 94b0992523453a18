using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using TekUp.Security.AspNetCore.Internal;

namespace TekUp.Security.AspNetCore.Authorization;

/// <summary>
/// Answers a request forbidden by a TekUp permission with 403 problem details whose <c>reason</c> is the Rbac reason code
/// (<c>explicit_deny</c>, <c>no_matching_permission</c>, ...). The explanation, which names roles, is not sent to the
/// caller: it is in the audit trail. Every other outcome goes to ASP.NET Core's default handling.
/// </summary>
internal sealed class TekUpAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure)
        {
            foreach (var reason in failure.FailureReasons)
            {
                if (reason is PermissionAuthorizationFailureReason permission)
                {
                    return ProblemResponses.WriteAsync(context, StatusCodes.Status403Forbidden, permission.ReasonCode);
                }
            }
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
