using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TekUp.Security.Gdpr;
using TekUp.Security.Gdpr.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Gdpr module to TekUp.Security.</summary>
public static class GdprBuilderExtensions
{
    /// <summary>
    /// Adds data-subject rights: <see cref="IDataSubjectRequestService"/>, <see cref="IProcessingRestrictionService"/>,
    /// <see cref="IExportService"/> and <see cref="ISubjectKeyService"/>, with <see cref="GdprOptions"/> bound from
    /// <c>TekUp:Security:Gdpr</c> and validated at start. Needs KeyManagement (<c>AddKeyManagement</c>) for export
    /// encryption and subject keys, and a storage provider for the stores. Calling it again adds more sources.
    /// </summary>
    /// <param name="builder">The TekUp.Security builder.</param>
    /// <param name="configure">Registers sources and configures options.</param>
    public static ITekUpSecurityBuilder AddGdpr(this ITekUpSecurityBuilder builder, Action<GdprBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddModuleOptions<GdprOptions>(GdprOptions.SectionName);
        var services = builder.Services;
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GdprOptions>, GdprOptionsValidator>());
        services.TryAddSingleton<SubjectReferences>();
        services.TryAddSingleton<GdprAudit>();
        services.TryAddSingleton<ErasureRecorder>();
        services.TryAddSingleton<DefaultExportService>();
        services.TryAddSingleton<IExportService>(static sp => sp.GetRequiredService<DefaultExportService>());
        services.TryAddSingleton<ISubjectKeyService, DefaultSubjectKeyService>();
        services.TryAddSingleton<IProcessingRestrictionService, DefaultProcessingRestrictionService>();
        services.TryAddSingleton<IDataSubjectRequestService, DefaultDataSubjectRequestService>();
        configure?.Invoke(new GdprBuilder(services));
        return builder;
    }
}
