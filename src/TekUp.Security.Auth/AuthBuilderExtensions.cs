using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TekUp.Security;
using TekUp.Security.Auth;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Auth.Internal;
using TekUp.Security.Auth.Networking;
using TekUp.Security.Auth.RateLimiting;
using TekUp.Security.Auth.Sessions;
using TekUp.Security.Events;
using TekUp.Security.KeyManagement;
using TekUp.Security.Tenants;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds API-key authentication to TekUp.Security.</summary>
public static class AuthBuilderExtensions
{
    /// <summary>
    /// Adds API keys, the authentication pipeline (<see cref="IAuthenticator"/>), rate limits, IP allow-lists and blocks
    /// (<see cref="IIpBlockList"/>) and session tokens (<see cref="ISessionTokenService"/>). Options are bound from
    /// <c>TekUp:Security:Auth</c>, then <paramref name="configure"/>, and validated at start. Needs a storage provider
    /// (<c>UseSqlite</c>, <c>UseInMemoryStores</c>, ...) and, for session tokens, KeyManagement.
    /// </summary>
    /// <param name="builder">The TekUp.Security builder.</param>
    /// <param name="configure">Optional configuration of <see cref="AuthOptions"/>.</param>
    public static ITekUpSecurityBuilder AddApiKeyAuthentication(this ITekUpSecurityBuilder builder, Action<AuthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddModuleOptions(AuthOptions.SectionName, configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>());

        services.TryAddSingleton(CreatePepper);
        services.TryAddSingleton<ApiKeyHasher>();
        services.TryAddSingleton<ApiKeyCache>();
        services.TryAddSingleton<TenantCache>();
        services.TryAddSingleton<AuthRateLimiter>();
        services.TryAddSingleton<IClientRateLimiter>(sp => sp.GetRequiredService<AuthRateLimiter>());
        services.TryAddSingleton<ApiKeyUsageRecorder>();
        services.TryAddSingleton<DefaultIpBlockList>();
        services.TryAddSingleton<IIpBlockList>(sp => sp.GetRequiredService<DefaultIpBlockList>());
        services.TryAddSingleton<SessionRevocationCache>();
        services.TryAddSingleton(sp => new KeyRingSessionSigningKeySource(
            sp.GetService<IKeyRing>() ?? throw new InvalidOperationException(
                "Session tokens are signed with keys derived through KeyManagement: add it with builder.AddKeyManagement(...)."),
            sp.GetRequiredService<IOptions<AuthOptions>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<ISessionSigningKeySource>(sp => sp.GetRequiredService<KeyRingSessionSigningKeySource>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecurityEventHandler, SessionSigningKeyEvictions>());
        services.TryAddSingleton<SessionTokenHandler>();
        services.TryAddSingleton<ISessionTokenService, DefaultSessionTokenService>();
        services.TryAddSingleton<IApiKeyManager, DefaultApiKeyManager>();
        services.TryAddSingleton<IAuthenticationCache, DefaultAuthenticationCache>();
        services.TryAddSingleton<IAuthenticator, DefaultAuthenticator>();
        DecorateTenantService(services);
        return builder;
    }

    /// <summary>Makes tenant changes made through <see cref="ITenantService"/> apply to authentication at once.</summary>
    private static void DecorateTenantService(IServiceCollection services)
    {
        var inner = services.LastOrDefault(d => d.ServiceType == typeof(ITenantService));
        if (inner is null || services.Any(d => d.ServiceType == typeof(TenantServiceDecorated)))
        {
            return;
        }

        services.Remove(inner);
        services.AddSingleton(new TenantServiceDecorated());
        services.AddSingleton<ITenantService>(sp => new CacheInvalidatingTenantService(
            (ITenantService)(inner.ImplementationInstance
                ?? inner.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)),
            sp.GetRequiredService<TenantCache>(),
            sp.GetRequiredService<ApiKeyCache>()));
    }

    private sealed class TenantServiceDecorated;

    /// <summary>Forwards data-key revocations to the signing-key cache, if session tokens are in use.</summary>
    private sealed class SessionSigningKeyEvictions(IServiceProvider services) : ISecurityEventHandler
    {
        public void Handle(SecurityEvent securityEvent)
        {
            if (securityEvent.Type == SecurityEventType.DataKeyRevoked && services.GetService<IKeyRing>() is not null)
            {
                services.GetRequiredService<KeyRingSessionSigningKeySource>().Handle(securityEvent);
            }
        }
    }

    private static ApiKeyPepper CreatePepper(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (options.ApiKeyPepper is { } configured)
        {
            return ApiKeyPepper.FromBase64(configured);
        }

        if (services.GetService<IPlatformSecretProvider>() is { } platformSecrets)
        {
            // Stable across restarts and instances: wrapped by the master key, never rotated. Runs once, at first use.
            return new ApiKeyPepper(Task.Run(() => platformSecrets.DeriveSecretAsync("auth/api-key-pepper")).GetAwaiter().GetResult());
        }

        if (services.GetRequiredService<IOptions<TekUpSecurityOptions>>().Value.RequireProductionKeys)
        {
            throw new InvalidOperationException("TekUp:Security:Auth:ApiKeyPepper must be configured when RequireProductionKeys is set.");
        }

        Log.EphemeralPepper(services.GetRequiredService<ILogger<ApiKeyPepper>>());
        return new ApiKeyPepper(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    }
}
