using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security.Auditing;
using TekUp.Security.Auditing.Internal;
using TekUp.Security.Events;

namespace TekUp.Security.Internal;

/// <summary>Registers Core's own services (the audit trail) with TryAdd semantics.</summary>
internal static class CoreServices
{
    public static void Add(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(AuditKeyProviderSelection)))
        {
            return;
        }

        services.AddSingleton(new AuditKeyProviderSelection(services));
        services.AddOptions<AuditTrailOptions>()
            .Configure<IServiceProvider>((options, provider) =>
                provider.GetService<TekUpSecurityConfiguration>()?.Section.GetSection(AuditTrailOptions.SectionName).Bind(options))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditTrailOptions>, AuditTrailOptionsValidator>());
        services.TryAddSingleton<IAuditKeyProvider, OptionsAuditKeyProvider>();
        services.TryAddSingleton(provider => new AuditMetrics(provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<IAuditTrail>(provider => new DefaultAuditTrail(
            provider.GetService<IAuditStore>() ?? throw new InvalidOperationException(
                "TekUp.Security has no audit store: choose a storage provider with UseSqlite(...), UsePostgreSql(...) or UseInMemoryStores()."),
            provider.GetRequiredService<IAuditKeyProvider>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<AuditTrailOptions>>(),
            provider.GetRequiredService<IOptions<TekUpSecurityOptions>>(),
            provider.GetService<ILogger<DefaultAuditTrail>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<DefaultAuditTrail>.Instance,
            provider.GetRequiredService<AuditMetrics>(),
            provider.GetService<ISecurityEventPublisher>()));
    }
}
