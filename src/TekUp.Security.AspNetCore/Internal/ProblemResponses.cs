using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;

namespace TekUp.Security.AspNetCore.Internal;

/// <summary>
/// RFC 9457 problem details for refusals: <c>application/problem+json</c> with a stable <c>type</c> per reason code and
/// the code itself as the <c>reason</c> member. Written through <see cref="IProblemDetailsService"/> when the host
/// registered one (<c>AddProblemDetails()</c>), so its customisations apply; otherwise written directly.
/// </summary>
internal static class ProblemResponses
{
    public const string TypePrefix = "urn:tekup:security:problem:";

    public static Task WriteRateLimitedAsync(HttpContext context, TimeSpan retryAfter, string reason)
    {
        var seconds = (long)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
        return WriteAsync(context, StatusCodes.Status429TooManyRequests, reason);
    }

    public static async Task WriteAsync(HttpContext context, int status, string reason)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        var problem = new ProblemDetails
        {
            Type = TypePrefix + reason,
            Title = Titles.For(reason),
            Status = status,
            Instance = context.Request.Path,
        };
        problem.Extensions["reason"] = reason;
        problem.Extensions["traceId"] = context.TraceIdentifier;

        var service = context.RequestServices.GetService<IProblemDetailsService>();
        if (service is not null && await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false))
        {
            return;
        }

        await Results.Problem(problem).ExecuteAsync(context).ConfigureAwait(false);
    }

    private static class Titles
    {
        public static string For(string reason) => reason switch
        {
            "missing_credential" => "An API key (X-Api-Key header) or a bearer session token is required.",
            "rate_limited" => "Too many requests; retry after the time in the Retry-After header.",
            "malformed_key" => "The API key is not in the TekUp format.",
            "bad_checksum" => "The API key's checksum does not match; it is mistyped or invented.",
            "unknown_key" => "The API key is not known.",
            "revoked_key" => "The API key has been revoked.",
            "expired_key" => "The API key has expired.",
            "unknown_tenant" or "tenant_suspended" or "tenant_deactivated" => "The tenant cannot authenticate.",
            "ip_blocked" => "Requests from this address are blocked.",
            "ip_not_allowed" or "client_ip_unknown" or "allow_list_invalid" => "Requests from this address are not allowed for this tenant.",
            "token_ip_mismatch" => "The session token is bound to another client address.",
            "token_expired" => "The session token has expired.",
            "token_revoked" => "The session token has been revoked.",
            "forbidden" => "The credential does not grant access to this resource.",
            "explicit_deny" => "A role of the caller explicitly denies this action on this resource.",
            "no_matching_permission" => "No role of the caller permits this action on this resource.",
            "condition_not_met" => "A condition of the caller's permission (owner, time window, network) is not met.",
            "cross_tenant" => "The resource belongs to another tenant.",
            "principal_disabled" => "The caller is disabled.",
            "evaluation_error" => "The caller's permissions could not be evaluated; access is denied.",
            "no_tekup_principal" => "The caller has no TekUp tenant identity.",
            _ => "The session token is not valid.",
        };
    }
}
