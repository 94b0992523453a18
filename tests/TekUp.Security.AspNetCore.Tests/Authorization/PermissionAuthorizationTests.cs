using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using TekUp.Security.AspNetCore.Authentication;
using TekUp.Security.AspNetCore.Authorization;
using TekUp.Security.Rbac;

namespace TekUp.Security.AspNetCore.Tests.Authorization;

/// <summary>The permission policy provider, requirement handler and client address accessor through ASP.NET Core's services.</summary>
public sealed class PermissionAuthorizationTests : IAsyncLifetime
{
    private const string Tenant = "acme";
    private ServiceProvider _services = null!;

    private IAuthorizationService Authorization => _services.GetRequiredService<IAuthorizationService>();

    private IRoleManager Roles => _services.GetRequiredService<IRoleManager>();

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTekUpSecurity().UseInMemoryStores().AddRbacAuthorization();
        services.AddAuthorizationBuilder().AddPolicy("named", p => p.RequireClaim("named"));
        _services = services.BuildServiceProvider();
        await Roles.CreateRoleAsync(new Role
        {
            TenantId = Tenant,
            Id = "clerk",
            Name = "Clerk",
            Permissions =
            [
                Permission.Allow("invoices", "read"),
                Permission.Allow("expenses", "edit").When(PermissionCondition.Owner),
                Permission.Allow("payroll", "read").When(PermissionCondition.ClientIpRange("10.0.0.0/8")),
            ],
        });
        await Roles.AssignRoleAsync(Tenant, "alice", "clerk");
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    private static ClaimsPrincipal User(string subject, string tenant = Tenant) => new(new ClaimsIdentity(
        [new Claim(TekUpClaimTypes.Subject, subject), new Claim(TekUpClaimTypes.TenantId, tenant), new Claim(TekUpClaimTypes.PrincipalKind, "ApiKey")],
        TekUpAuthenticationDefaults.AuthenticationScheme));

    private async Task<AuthorizationPolicy> PolicyAsync(string resource, string action) =>
        (await _services.GetRequiredService<IAuthorizationPolicyProvider>().GetPolicyAsync(PermissionPolicyName.Format(resource, action)))!;

    [Fact]
    public async Task GetPolicyAsync_PermissionName_BuildsAuthenticatedPermissionPolicyOnce()
    {
        var provider = _services.GetRequiredService<IAuthorizationPolicyProvider>();

        var first = await provider.GetPolicyAsync("TekUp.Permission:invoices:read");
        var second = await provider.GetPolicyAsync("TekUp.Permission:invoices:read");

        Assert.NotNull(first);
        Assert.Same(first, second);
        var requirement = Assert.Single(first.Requirements.OfType<PermissionRequirement>());
        Assert.Equal(("invoices", "read"), (requirement.Resource, requirement.Action));
        Assert.Single(first.Requirements.OfType<Microsoft.AspNetCore.Authorization.Infrastructure.DenyAnonymousAuthorizationRequirement>());
    }

    [Fact]
    public async Task GetPolicyAsync_OtherNames_GoToTheDefaultProvider()
    {
        var provider = _services.GetRequiredService<IAuthorizationPolicyProvider>();

        Assert.NotNull(await provider.GetPolicyAsync("named"));
        Assert.Null(await provider.GetPolicyAsync("unknown"));
        Assert.NotNull(await provider.GetDefaultPolicyAsync());
    }

    [Fact]
    public async Task AuthorizeAsync_GrantedPermission_Succeeds()
    {
        var result = await Authorization.AuthorizeAsync(User("alice"), null, await PolicyAsync("invoices", "read"));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task AuthorizeAsync_MissingPermission_FailsWithTheDecision()
    {
        var result = await Authorization.AuthorizeAsync(User("alice"), null, await PolicyAsync("invoices", "delete"));

        Assert.False(result.Succeeded);
        Assert.Equal(AccessDecisionReason.NoMatchingPermission, result.GetAccessDecision()!.Reason);
        Assert.Equal("no_matching_permission", Assert.Single(result.Failure!.FailureReasons).Message);
    }

    [Fact]
    public async Task AuthorizeAsync_Anonymous_FailsWithoutCheckingRbac()
    {
        var result = await Authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), null, await PolicyAsync("invoices", "read"));

        Assert.False(result.Succeeded);
        Assert.Null(result.GetAccessDecision());
        Assert.True(result.Failure!.FailCalled is false);
    }

    [Fact]
    public async Task AuthorizeAsync_AuthenticatedWithoutTekUpClaims_FailsNoTekUpPrincipal()
    {
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "alice")], "Cookies"));

        var result = await Authorization.AuthorizeAsync(user, null, await PolicyAsync("invoices", "read"));

        Assert.Equal(PermissionAuthorizationFailureReason.NoTekUpPrincipal, Assert.Single(result.Failure!.FailureReasons).Message);
    }

    [Fact]
    public async Task AuthorizePermissionAsync_Owner_SucceedsAndAnotherUserFails()
    {
        var expense = new ResourceContext { OwnerId = "alice", TenantId = Tenant, ResourceId = "exp-1" };
        await Roles.AssignRoleAsync(Tenant, "bob", "clerk");

        var owner = await Authorization.AuthorizePermissionAsync(User("alice"), "expenses", "edit", expense);
        var other = await Authorization.AuthorizePermissionAsync(User("bob"), "expenses", "edit", expense);

        Assert.True(owner.Succeeded);
        Assert.Equal(AccessDecisionReason.ConditionNotMet, other.GetAccessDecision()!.Reason);
    }

    [Fact]
    public async Task AuthorizePermissionAsync_ResourceOfAnotherTenant_FailsCrossTenant()
    {
        var result = await Authorization.AuthorizePermissionAsync(User("alice"), "expenses", "edit", new ResourceContext { OwnerId = "alice", TenantId = "globex" });

        Assert.Equal(AccessDecisionReason.CrossTenant, result.GetAccessDecision()!.Reason);
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("::ffff:10.1.2.3", true)]
    [InlineData("192.0.2.1", false)]
    public async Task AuthorizeAsync_IpCondition_ReadsTheConnectionsRemoteAddress(string remote, bool allowed)
    {
        var http = new DefaultHttpContext { RequestServices = _services };
        http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        _services.GetRequiredService<IHttpContextAccessor>().HttpContext = http;

        var result = await Authorization.AuthorizeAsync(User("alice"), http, await PolicyAsync("payroll", "read"));

        Assert.Equal(allowed, result.Succeeded);
    }

    [Fact]
    public void AddRbacAuthorization_CustomProvidersOfTheHost_AreKept()
    {
        var custom = NSubstitute.Substitute.For<IAuthorizationPolicyProvider>();
        var customResults = NSubstitute.Substitute.For<IAuthorizationMiddlewareResultHandler>();
        var services = new ServiceCollection();
        services.AddSingleton(custom);
        services.AddSingleton(customResults);

        services.AddTekUpSecurity().UseInMemoryStores().AddRbacAuthorization();

        Assert.Same(custom, services.Last(d => d.ServiceType == typeof(IAuthorizationPolicyProvider)).ImplementationInstance);
        Assert.Same(customResults, services.Last(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler)).ImplementationInstance);
    }

    [Fact]
    public void AddRbacAuthorization_AfterAddAuthorization_ReplacesTheDefaultsOnce()
    {
        var services = new ServiceCollection();
        services.AddAuthorization();

        services.AddTekUpSecurity().UseInMemoryStores().AddRbacAuthorization().AddRbacAuthorization();

        Assert.Equal(typeof(TekUpPermissionPolicyProvider), Assert.Single(services, d => d.ServiceType == typeof(IAuthorizationPolicyProvider)).ImplementationType);
        Assert.Single(services, d => d.ServiceType == typeof(IAuthorizationHandler) && d.ImplementationType == typeof(PermissionAuthorizationHandler));
        Assert.Equal(typeof(HttpConnectionClientAddressAccessor), Assert.Single(services, d => d.ServiceType == typeof(IClientAddressAccessor)).ImplementationType);
    }
}
