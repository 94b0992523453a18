using Microsoft.Extensions.Options;
using TekUp.Security.Auth.Authentication;
using TekUp.Security.Auth.Networking;
using TekUp.Security.Auth.Tests.Infrastructure;

namespace TekUp.Security.Auth.Tests.Registration;

public sealed class AuthBuilderExtensionsTests
{
    private static ServiceProvider Build(Action<AuthOptions> configure, bool production = false)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTekUpSecurity(o => o.RequireProductionKeys = production).UseInMemoryStores().AddApiKeyAuthentication(configure);
        return services.BuildServiceProvider();
    }

    [Theory]
    [InlineData(25)]
    [InlineData(0)]
    public void Validate_SessionLifetimeOutOfRange_FailsAtStart(int hours)
    {
        using var provider = Build(o => o.Sessions.Lifetime = TimeSpan.FromHours(hours));

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuthOptions>>().Value);
        Assert.Contains("Sessions.Lifetime", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOne()
    {
        using var provider = Build(o =>
        {
            o.ApiKeyPepper = "too-short";
            o.Sessions.ClockSkew = TimeSpan.FromHours(1);
            o.RateLimits.PerApiKey.TokenLimit = 0;
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuthOptions>>().Value);
        Assert.Equal(3, ex.Failures.Count());
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        using var provider = Build(o => o.ApiKeyPepper = AuthTestHost.Pepper);

        var options = provider.GetRequiredService<IOptions<AuthOptions>>().Value;

        Assert.Equal(TimeSpan.FromHours(1), options.Sessions.Lifetime);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Sessions.ClockSkew);
    }

    [Fact]
    public void Resolve_ProductionWithoutPepper_Throws()
    {
        using var provider = Build(_ => { }, production: true);

        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IAuthenticator>());
    }

    [Fact]
    public async Task AddApiKeyAuthentication_CalledTwice_IsHarmlessAndResolves()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var builder = services.AddTekUpSecurity().UseInMemoryStores();
        builder.AddApiKeyAuthentication(o => o.ApiKeyPepper = AuthTestHost.Pepper).AddApiKeyAuthentication();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.NotNull(provider.GetRequiredService<IAuthenticator>());
        Assert.NotNull(provider.GetRequiredService<IIpBlockList>());
        Assert.Single(services, d => d.ServiceType == typeof(IAuthenticator));
    }

    [Fact]
    public async Task AuthenticateAsync_ReasonThatIsNotACode_RefusedBeforeAnyWrite()
    {
        await using var host = new AuthTestHost();
        await host.AddTenantAsync();
        var issued = await host.IssueAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => host.Keys.RevokeAsync("acme", issued.Record.Id, "leaked on a public repo"));

        Assert.Null((await host.Keys.FindAsync("acme", issued.Record.Id))!.RevokedAt);
    }
}

public sealed class TenantServiceDecorationTests
{
    [Fact]
    public async Task SetStatusAsync_ThroughTenantService_AppliesToAuthenticationAtOnce()
    {
        await using var host = new AuthTestHost();
        var tenants = host.Services.GetRequiredService<TekUp.Security.Tenants.ITenantService>();
        await tenants.CreateAsync("acme", "Acme");
        var issued = await host.IssueAsync();
        Assert.True((await host.AuthenticateAsync(issued.Key)).Succeeded);

        await tenants.SetStatusAsync("acme", TekUp.Security.Tenants.TenantStatus.Suspended);

        Assert.Equal("tenant_suspended", (await host.AuthenticateAsync(issued.Key)).ReasonCode);
    }

    [Fact]
    public async Task SetIpAllowListAsync_ThroughTenantService_AppliesAtOnce()
    {
        await using var host = new AuthTestHost();
        var tenants = host.Services.GetRequiredService<TekUp.Security.Tenants.ITenantService>();
        await tenants.CreateAsync("acme", "Acme");
        var issued = await host.IssueAsync();
        Assert.True((await host.AuthenticateAsync(issued.Key)).Succeeded);

        await tenants.SetIpAllowListAsync("acme", ["10.0.0.0/8"]);

        Assert.Equal("ip_not_allowed", (await host.AuthenticateAsync(issued.Key)).ReasonCode);
    }
}
