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

namespace TekUp.Security.Storage.Sqlite.Internal;

/// <summary>Replaces every store interface with its SQLite implementation.</summary>
internal static class SqliteStores
{
    public static void Register(IServiceCollection services)
    {
        Replace<ITenantStore, SqliteTenantStore>(services);
        Replace<IDataKeyStore, SqliteDataKeyStore>(services);
        Replace<IAuditStore, SqliteAuditStore>(services);
        Replace<IApiKeyStore, SqliteApiKeyStore>(services);
        Replace<ISessionRevocationStore, SqliteSessionRevocationStore>(services);
        Replace<IIpBlockStore, SqliteIpBlockStore>(services);
        ReplaceShared<SqliteRbacStore, IRoleStore, IRoleAssignmentStore>(services);
        Replace<IDataSubjectRequestStore, SqliteDataSubjectRequestStore>(services);
        Replace<IExportStore, SqliteExportStore>(services);
        Replace<IProcessingLimitStore, SqliteProcessingLimitStore>(services);
        Replace<IErasureRecordStore, SqliteErasureRecordStore>(services);
        Replace<ISubjectKeyStore, SqliteSubjectKeyStore>(services);
    }

    /// <summary>Registers one instance for two store interfaces implemented together.</summary>
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

    private static void Replace<TService, TImplementation>(IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        services.RemoveAll<TService>();
        services.AddSingleton<TService, TImplementation>();
    }
}
