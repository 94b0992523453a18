using TekUp.Security.AspNetCore.Authentication;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>Authorization helpers for TekUp principals.</summary>
public static class TekUpAuthorizationPolicyBuilderExtensions
{
    /// <summary>Requires a TekUp-authenticated caller whose key grants every one of <paramref name="scopes"/>.</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="scopes">The required scopes, for example <c>invoices:read</c>.</param>
    public static AuthorizationPolicyBuilder RequireTekUpScope(this AuthorizationPolicyBuilder builder, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(scopes);
        builder.AddAuthenticationSchemes(TekUpAuthenticationDefaults.AuthenticationScheme).RequireAuthenticatedUser();
        foreach (var scope in scopes)
        {
            ArgumentException.ThrowIfNullOrEmpty(scope);
            builder.RequireClaim(TekUpClaimTypes.Scope, scope);
        }

        return builder;
    }
}
