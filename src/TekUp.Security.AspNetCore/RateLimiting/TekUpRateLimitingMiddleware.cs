using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using TekUp.Security.AspNetCore.Authentication;
using TekUp.Security.AspNetCore.Internal;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Auth.RateLimiting;
using TekUp.Security.Events;

namespace TekUp.Security.AspNetCore.RateLimiting;

/// <summary>
/// Answers rate-limited requests with 429, <c>Retry-After</c> and problem details, whether or not the endpoint requires
/// authorization. A request with a TekUp credential is authenticated here (the handler caches the result for the rest
/// of the request), so its one permit is taken by the pipeline; a request without one takes a permit for its client
/// address from <see cref="IClientRateLimiter"/>. Each request takes exactly one address permit.
/// </summary>
internal sealed class TekUpRateLimitingMiddleware(
    RequestDelegate next,
    IClientRateLimiter clientLimiter,
    ISecurityEventPublisher events,
    TimeProvider timeProvider,
    IOptionsMonitor<TekUpAuthenticationOptions> schemeOptions)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var options = schemeOptions.Get(TekUpAuthenticationDefaults.AuthenticationScheme);
        if (HasCredential(context.Request, options))
        {
            await context.AuthenticateAsync(TekUpAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            var result = context.Features.Get<ITekUpAuthenticationFeature>()?.Result;
            if (result?.FailureReason == AuthenticationFailureReason.RateLimited)
            {
                await ProblemResponses.WriteRateLimitedAsync(context, result.RetryAfter ?? TimeSpan.FromSeconds(1), result.ReasonCode).ConfigureAwait(false);
                return;
            }
        }
        else if (context.Connection.RemoteIpAddress is { } clientIp)
        {
            var permit = clientLimiter.TryAcquire(clientIp);
            if (!permit.IsAcquired)
            {
                events.Publish(new SecurityEvent
                {
                    Type = SecurityEventType.RateLimited,
                    Timestamp = timeProvider.GetUtcNow(),
                    ClientIp = TekUp.Security.Networking.IpAddresses.Normalize(clientIp).ToString(),
                    Reason = "rate_limited",
                });
                await ProblemResponses.WriteRateLimitedAsync(context, permit.RetryAfter, "rate_limited").ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private static bool HasCredential(HttpRequest request, TekUpAuthenticationOptions options) =>
        request.Headers.ContainsKey(options.ApiKeyHeaderName)
        || (options.AcceptSessionTokens && request.Headers.Authorization.Count > 0
            && request.Headers.Authorization[0]?.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) == true);
}
