using TekUp.Security.AspNetCore.RateLimiting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds TekUp.Security middleware to an ASP.NET Core pipeline.</summary>
public static class TekUpApplicationBuilderExtensions
{
    /// <summary>
    /// Answers rate-limited requests with 429, <c>Retry-After</c> and problem details, before routing to any endpoint,
    /// authenticated or anonymous. Place it after <c>UseForwardedHeaders()</c> (so the client address is right) and
    /// before <c>UseAuthentication()</c>.
    /// </summary>
    /// <param name="app">The application builder.</param>
    public static IApplicationBuilder UseTekUpRateLimiting(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<TekUpRateLimitingMiddleware>();
    }
}
