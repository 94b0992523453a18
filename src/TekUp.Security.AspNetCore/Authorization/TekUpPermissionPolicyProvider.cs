using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace TekUp.Security.AspNetCore.Authorization;

/// <summary>
/// Builds a policy for every <c>TekUp.Permission:{resource}:{action}</c> name on first use (an authenticated user plus a
/// <see cref="PermissionRequirement"/>), and hands every other name to ASP.NET Core's default provider, so named
/// policies, the default policy and the fallback policy keep working.
/// </summary>
internal sealed class TekUpPermissionPolicyProvider(IOptions<AuthorizationOptions> options) : IAuthorizationPolicyProvider
{
    // Names come from attributes and endpoint metadata, so the set is small; the bound only guards against misuse.
    private const int MaxCachedPolicies = 4096;

    private readonly DefaultAuthorizationPolicyProvider _fallback = new(options);
    private readonly ConcurrentDictionary<string, AuthorizationPolicy> _policies = new(StringComparer.Ordinal);

    public bool AllowsCachingPolicies => true;

    public Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!PermissionPolicyName.TryParse(policyName, out var resource, out var action))
        {
            return _fallback.GetPolicyAsync(policyName);
        }

        if (_policies.TryGetValue(policyName, out var cached))
        {
            return Task.FromResult<AuthorizationPolicy?>(cached);
        }

        var policy = new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new PermissionRequirement(resource, action))
            .Build();
        if (_policies.Count < MaxCachedPolicies)
        {
            policy = _policies.GetOrAdd(policyName, policy);
        }

        return Task.FromResult<AuthorizationPolicy?>(policy);
    }

    public Task<AuthorizationPolicy> GetDefaultPolicyAsync() => _fallback.GetDefaultPolicyAsync();

    public Task<AuthorizationPolicy?> GetFallbackPolicyAsync() => _fallback.GetFallbackPolicyAsync();
}
