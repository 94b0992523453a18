using TekUp.Security.Auth.Authentication;

namespace TekUp.Security.Auth.Internal;

internal sealed class DefaultAuthenticationCache(TenantCache tenants, ApiKeyCache keys) : IAuthenticationCache
{
    public void InvalidateTenant(string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        tenants.Invalidate(tenantId);
        keys.RemoveTenant(tenantId);
    }

    public void Clear()
    {
        tenants.Clear();
        keys.Clear();
    }
}
