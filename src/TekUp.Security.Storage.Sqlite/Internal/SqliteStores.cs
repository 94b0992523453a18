using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TekUp.Security.Auditing;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Networking;
using TekUp.Security.Auth.Sessions;
using TekUp.Security.Tenants;

namespace TekUp.Security.Storage.Sqlite.Internal;

/// <summary>Replaces every store interface with its SQLite implementation.</summary>
internal static class SqliteStores
{
    public static void Register(IServiceCollection services)
    {
        Replace<ITenantStore, SqliteTenantStore>(services);
        Replace<IAuditStore, SqliteAuditStore>(services);
        Replace<IApiKeyStore, SqliteApiKeyStore>(services);
        Replace<ISessionRevocationStore, SqliteSessionRevocationStore>(services);
        Replace<IIpBlockStore, SqliteIpBlockStore>(services);
    }

    private static void Replace<TService, TImplementation>(IServiceCollection services)
        where TService : class
        where TImplementation : class, TService
    {
        services.RemoveAll<TService>();
        services.AddSingleton<TService, TImplementation>();
    }
}
