using TekUp.Security.Tenants;

namespace TekUp.Security.Auth.Internal;

/// <summary>
/// Wraps Core's <see cref="ITenantService"/> so that suspending a tenant or changing its allow-list through it applies
/// to authentication in this process at once, instead of after <see cref="AuthOptions.CacheDuration"/>.
/// </summary>
internal sealed class CacheInvalidatingTenantService(ITenantService inner, TenantCache tenants, ApiKeyCache keys) : ITenantService
{
    public ValueTask<Tenant?> FindAsync(string tenantId, CancellationToken cancellationToken = default) => inner.FindAsync(tenantId, cancellationToken);

    public Task<Tenant> CreateAsync(string tenantId, string name, IEnumerable<string>? ipAllowList = null, CancellationToken cancellationToken = default) =>
        Invalidate(tenantId, inner.CreateAsync(tenantId, name, ipAllowList, cancellationToken));

    public Task<Tenant> SetStatusAsync(string tenantId, TenantStatus status, CancellationToken cancellationToken = default) =>
        Invalidate(tenantId, inner.SetStatusAsync(tenantId, status, cancellationToken));

    public Task<Tenant> SetIpAllowListAsync(string tenantId, IEnumerable<string> ipAllowList, CancellationToken cancellationToken = default) =>
        Invalidate(tenantId, inner.SetIpAllowListAsync(tenantId, ipAllowList, cancellationToken));

    private async Task<Tenant> Invalidate(string tenantId, Task<Tenant> change)
    {
        try
        {
            return await change.ConfigureAwait(false);
        }
        finally
        {
            // Also after a failure: the change may have been stored before the failure was reported.
            tenants.Invalidate(tenantId);
            keys.RemoveTenant(tenantId);
        }
    }
}
