using Microsoft.AspNetCore.Http;
using TekUp.Security.AspNetCore.Internal;
using TekUp.Security.Rbac;

namespace TekUp.Security.AspNetCore.Authorization;

/// <summary>Endpoint results for permission checks made in the endpoint (resource-based authorization).</summary>
public static class TekUpPermissionResults
{
    /// <summary>
    /// 403 with RFC 9457 problem details whose <c>reason</c> is the decision's reason code — the same answer a
    /// <see cref="RequirePermissionAttribute"/> gives. The explanation is not sent (it names roles); it is audited.
    /// </summary>
    /// <param name="decision">The denying decision, or <see langword="null"/> for a plain <c>forbidden</c>.</param>
    public static IResult Forbidden(AccessDecision? decision) => new ForbiddenResult(decision?.ReasonCode ?? "forbidden");

    private sealed class ForbiddenResult(string reason) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext) => ProblemResponses.WriteAsync(httpContext, StatusCodes.Status403Forbidden, reason);
    }
}
