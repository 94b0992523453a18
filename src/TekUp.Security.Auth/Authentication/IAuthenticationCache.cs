namespace TekUp.Security.Auth.Authentication;

/// <summary>
/// The pipeline's in-memory caches of tenants and key records. Tenants are edited through Core's
/// <see cref="Tenants.ITenantStore"/>, which Auth does not observe: call <see cref="InvalidateTenant"/> after changing a
/// tenant's status or allow-list so it applies at once in this process (other instances pick it up within
/// <see cref="AuthOptions.CacheDuration"/>).
/// </summary>
public interface IAuthenticationCache
{
    /// <summary>Forgets a tenant and its cached keys.</summary>
    void InvalidateTenant(string tenantId);

    /// <summary>Forgets every cached tenant and key.</summary>
    void Clear();
}
