using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TekUp.Security;
using TekUp.Security.Events;
using TekUp.Security.Internal;
using TekUp.Security.Tenants;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers TekUp.Security in an <see cref="IServiceCollection"/>.</summary>
public static class TekUpSecurityServiceCollectionExtensions
{
    /// <summary>
    /// Adds the TekUp.Security core services (time, security events, the audit trail) and returns a builder
    /// to add modules and choose a storage provider. Calling it more than once is harmless.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Optional configuration of <see cref="TekUpSecurityOptions"/>.</param>
    public static ITekUpSecurityBuilder AddTekUpSecurity(this IServiceCollection services, Action<TekUpSecurityOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        services.AddOptions<TekUpSecurityOptions>().ValidateOnStart();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TekUpSecurityOptions>, TekUpSecurityOptionsValidator>());
        services.TryAddSingleton<ISecurityEventPublisher, DefaultSecurityEventPublisher>();
        services.TryAddSingleton<ITenantService>(provider => new DefaultTenantService(
            provider.GetService<ITenantStore>() ?? throw new InvalidOperationException(
                "TekUp.Security has no tenant store: choose a storage provider with UseSqlite(...), UsePostgreSql(...) or UseInMemoryStores()."),
            provider.GetRequiredService<TekUp.Security.Auditing.IAuditTrail>(),
            provider.GetRequiredService<TimeProvider>()));
        CoreServices.Add(services);

        return new TekUpSecurityBuilder(services);
    }

    /// <summary>
    /// Adds TekUp.Security and binds <see cref="TekUpSecurityOptions"/> (and every module's options) from the
    /// configuration section <c>TekUp:Security</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application configuration root.</param>
    /// <param name="configure">Optional configuration applied after binding.</param>
    public static ITekUpSecurityBuilder AddTekUpSecurity(this IServiceCollection services, IConfiguration configuration, Action<TekUpSecurityOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.TryAddSingleton(new TekUpSecurityConfiguration(configuration.GetSection(TekUpSecurityOptions.SectionName)));
        services.AddOptions<TekUpSecurityOptions>().Bind(configuration.GetSection(TekUpSecurityOptions.SectionName));
        return services.AddTekUpSecurity(configure);
    }
}
