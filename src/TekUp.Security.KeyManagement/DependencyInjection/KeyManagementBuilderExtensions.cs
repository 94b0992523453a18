using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using TekUp.Security.Auditing;
using TekUp.Security.KeyManagement;
using TekUp.Security.KeyManagement.Internal;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the KeyManagement module to TekUp.Security.</summary>
public static class KeyManagementBuilderExtensions
{
    /// <summary>
    /// Adds per-tenant data keys wrapped by a key-encryption key: <see cref="IEncryptionService"/>,
    /// <see cref="IKeyRing"/> and <see cref="IKeyManager"/>, with the local master key as the default
    /// <see cref="IKeyEncryptionKeyProvider"/>. Also replaces the audit trail's <see cref="IAuditKeyProvider"/> by one
    /// whose signing and pseudonym keys are kept wrapped by the key-encryption key (so they survive restarts and KEK
    /// rotations); register another provider after this call to opt out. Options are bound from <c>TekUp:Security:KeyManagement</c> and validated
    /// at start. Needs a storage provider (<c>UseSqlite</c>, <c>UseInMemoryStores</c>, ...) and an audit trail.
    /// Calling it more than once is harmless.
    /// </summary>
    /// <param name="builder">The TekUp.Security builder.</param>
    /// <param name="configure">Optional configuration of <see cref="KeyManagementOptions"/>, applied after binding.</param>
    public static ITekUpSecurityBuilder AddKeyManagement(this ITekUpSecurityBuilder builder, Action<KeyManagementOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddModuleOptions(KeyManagementOptions.SectionName, configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyManagementOptions>, KeyManagementOptionsValidator>());
        services.TryAddSingleton<IKeyEncryptionKeyProvider, LocalMasterKeyProvider>();
        services.TryAddSingleton<KeyManagementMetrics>();
        services.TryAddSingleton<KeyAuditor>();
        services.TryAddSingleton<DataKeyLifecycle>();
        services.TryAddSingleton<DefaultKeyRing>();
        services.TryAddSingleton<IKeyRing>(static sp => sp.GetRequiredService<DefaultKeyRing>());
        services.TryAddSingleton<IEncryptionService, DefaultEncryptionService>();
        services.TryAddSingleton<IKeyManager, DefaultKeyManager>();
        services.TryAddSingleton<IPlatformSecretProvider, DefaultPlatformSecretProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KeyRotationBackgroundService>());

        // The audit trail's signing and pseudonym keys become platform keys wrapped by the KEK.
        services.Replace(ServiceDescriptor.Singleton<IAuditKeyProvider, KeyManagementAuditKeyProvider>());
        return builder;
    }

    /// <summary>
    /// Replaces the local master key by another key-encryption-key provider (a cloud KMS, an HSM). The master-key
    /// options are then not required.
    /// </summary>
    /// <typeparam name="TProvider">The provider, registered as a singleton.</typeparam>
    /// <param name="builder">The TekUp.Security builder.</param>
    public static ITekUpSecurityBuilder UseKeyEncryptionKeyProvider<TProvider>(this ITekUpSecurityBuilder builder)
        where TProvider : class, IKeyEncryptionKeyProvider
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.RemoveAll<IKeyEncryptionKeyProvider>();
        builder.Services.AddSingleton<IKeyEncryptionKeyProvider, TProvider>();
        builder.Services.PostConfigure<KeyManagementOptions>(static o => o.UsesExternalKeyEncryptionKeyProvider = true);
        return builder;
    }

    /// <summary>Replaces the local master key by a key-encryption-key provider built by <paramref name="factory"/>.</summary>
    /// <param name="builder">The TekUp.Security builder.</param>
    /// <param name="factory">Creates the provider (once; it is a singleton).</param>
    public static ITekUpSecurityBuilder UseKeyEncryptionKeyProvider(this ITekUpSecurityBuilder builder, Func<IServiceProvider, IKeyEncryptionKeyProvider> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAll<IKeyEncryptionKeyProvider>();
        builder.Services.AddSingleton(factory);
        builder.Services.PostConfigure<KeyManagementOptions>(static o => o.UsesExternalKeyEncryptionKeyProvider = true);
        return builder;
    }
}
