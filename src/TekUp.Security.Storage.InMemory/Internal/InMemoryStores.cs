using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TekUp.Security.Auditing;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Networking;
using TekUp.Security.Auth.Sessions;
using TekUp.Security.Tenants;

namespace TekUp.Security.Storage.InMemory.Internal;

/// <summary>Replaces every store interface with its in-memory implementation.</summary>
internal static class InMemoryStores
{
    public static void Register(IServiceCollection services)
    {
        Replace<ITenantStore, InMemoryTenantStore>(services);
        Replace<IAuditStore, InMemoryAuditStore>(services);
        Replace<IApiKeyStore, InMemoryApiKeyStore>(services);
        Replace<ISessionRevocationStore, InMemorySessionRevocationStore>(services);
        Replace<IIpBlockStore, InMemoryIpBlockStore>(services);
    }

    private static void Replace<TService, TImplementation>(IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        services.RemoveAll<TService>();
        services.AddSingleton<TService, TImplementation>();
    }
}
