using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using TekUp.Security.Auditing;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Auth.Sessions;
using TekUp.Security.Events;
using TekUp.Security.Tenants;

namespace TekUp.Security.Auth.Tests.Infrastructure;

/// <summary>A service provider with Auth on in-memory stores, a fake clock, and recording audit and events.</summary>
internal sealed class AuthTestHost : IAsyncDisposable
{
    public static readonly string Pepper = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public AuthTestHost(Action<AuthOptions>? configure = null, bool useTestSigningKeys = true)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        var builder = services.AddTekUpSecurity()
            .UseInMemoryStores()
            .AddApiKeyAuthentication(o =>
            {
                o.ApiKeyPepper = Pepper;
                configure?.Invoke(o);
            });
        if (!useTestSigningKeys)
        {
            builder.AddKeyManagement(k => k.MasterKey = Convert.ToBase64String(Enumerable.Range(100, 32).Select(i => (byte)i).ToArray()));
        }

        var real = services.Last(d => d.ServiceType == typeof(IAuditTrail));
        services.RemoveAll<IAuditTrail>();
        services.AddSingleton<IAuditTrail>(sp =>
        {
            Audit.Inner = (IAuditTrail)real.ImplementationFactory!(sp);
            return Audit;
        });
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISecurityEventHandler>(Events));
        if (useTestSigningKeys)
        {
            services.RemoveAll<ISessionSigningKeySource>();
            services.AddSingleton<ISessionSigningKeySource>(SigningKeys);
        }

        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    public RecordingAuditTrail Audit { get; } = new();

    public RecordingEventHandler Events { get; } = new();

    public TestSigningKeySource SigningKeys { get; } = new();

    public ServiceProvider Services { get; }

    public IAuthenticator Authenticator => Services.GetRequiredService<IAuthenticator>();

    public IApiKeyManager Keys => Services.GetRequiredService<IApiKeyManager>();

    public ISessionTokenService Sessions => Services.GetRequiredService<ISessionTokenService>();

    public ITenantStore Tenants => Services.GetRequiredService<ITenantStore>();

    public static IPAddress ClientIp { get; } = IPAddress.Parse("203.0.113.7");

    public async Task<Tenant> AddTenantAsync(string id = "acme", params string[] allowList) =>
        await Tenants.CreateAsync(new Tenant { Id = id, Name = id, IpAllowList = allowList, CreatedAt = Time.GetUtcNow(), UpdatedAt = Time.GetUtcNow() });

    public async Task<IssuedApiKey> IssueAsync(string tenantId = "acme", DateTimeOffset? expiresAt = null) =>
        await Keys.IssueAsync(tenantId, new ApiKeyIssueRequest { Name = "test", Scopes = ["invoices:read"], ExpiresAt = expiresAt });

    public ValueTask<AuthenticationResult> AuthenticateAsync(string? key, IPAddress? ip = null) =>
        Authenticator.AuthenticateAsync(AuthenticationRequest.ForApiKey(key, ip ?? ClientIp));

    public ValueTask<AuthenticationResult> AuthenticateTokenAsync(string? token, IPAddress? ip = null) =>
        Authenticator.AuthenticateAsync(AuthenticationRequest.ForSessionToken(token, ip ?? ClientIp));

    public async Task SetTenantAsync(string tenantId, Func<Tenant, Tenant> change)
    {
        var tenant = (await Tenants.FindAsync(tenantId))!;
        await Tenants.UpdateAsync(change(tenant));
        Services.GetRequiredService<IAuthenticationCache>().InvalidateTenant(tenantId);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
