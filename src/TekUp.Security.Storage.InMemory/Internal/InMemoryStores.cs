using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TekUp.Security.Auditing;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Networking;
using TekUp.Security.Auth.Sessions;
using TekUp.Security.Gdpr;
using TekUp.Security.KeyManagement;
using TekUp.Security.Rbac;
using TekUp.Security.Tenants;

namespace TekUp.Security.Storage.InMemory.Internal;

/// <summary>Replaces every store interface with its in-memory implementation.</summary>
internal static class InMemoryStores
{
    public static void Register(IServiceCollection services)
    {
        Replace<ITenantStore, InMemoryTenantStore>(services);
        Replace<IDataKeyStore, InMemoryDataKeyStore>(services);
        Replace<IAuditStore, InMemoryAuditStore>(services);
        Replace<IApiKeyStore, InMemoryApiKeyStore>(services);
        Replace<ISessionRevocationStore, InMemorySessionRevocationStore>(services);
        Replace<IIpBlockStore, InMemoryIpBlockStore>(services);
        ReplaceShared<InMemoryRbacStore, IRoleStore, IRoleAssignmentStore>(services);
        services.RemoveAll<InMemoryGdprStore>();
        services.AddSingleton<InMemoryGdprStore>();
        Forward<IDataSubjectRequestStore, InMemoryGdprStore>(services);
        Forward<IExportStore, InMemoryGdprStore>(services);
        Forward<IProcessingLimitStore, InMemoryGdprStore>(services);
        Forward<IErasureRecordStore, InMemoryGdprStore>(services);
        Forward<ISubjectKeyStore, InMemoryGdprStore>(services);
    }

    /// <summary>Registers one instance for two store interfaces that share state.</summary>
    private static void ReplaceShared<TImplementation, TService1, TService2>(IServiceCollection services)
        where TImplementation : class, TService1, TService2
        where TService1 : class
        where TService2 : class
    {
        services.RemoveAll<TImplementation>();
        services.AddSingleton<TImplementation>();
        services.RemoveAll<TService1>();
        services.AddSingleton<TService1>(sp => sp.GetRequiredService<TImplementation>());
        services.RemoveAll<TService2>();
        services.AddSingleton<TService2>(sp => sp.GetRequiredService<TImplementation>());
    }

    /// <summary>Points a store interface at a shared instance registered before.</summary>
    private static void Forward<TService, TImplementation>(IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        services.RemoveAll<TService>();
        services.AddSingleton<TService>(sp => sp.GetRequiredService<TImplementation>());
    }

    private static void Replace<TService, TImplementation>(IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        services.RemoveAll<TService>();
        services.AddSingleton<TService, TImplementation>();
    }
}
