using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using TekUp.Security.Auth.ApiKeys;
using TekUp.Security.Rbac;
using TekUp.Security.Tenants;

namespace TekUp.Security.WebApi.Tests;

/// <summary>
/// The sample's permission-protected endpoints over real HTTP, on a fake clock (Monday 2 March 2026, 10:00 UTC =
/// 11:00 in Copenhagen). Each test uses its own tenant, API keys (the principals) and roles.
/// </summary>
public sealed class RbacIntegrationTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
    private WebApiServer _server = null!;

    public async Task InitializeAsync() => _server = await WebApiServer.StartAsync(
        services => services.AddSingleton<TimeProvider>(_time),
        "--Sample:KnownProxies:0=127.0.0.1");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private IRoleManager Roles => _server.Services.GetRequiredService<IRoleManager>();

    /// <summary>Creates a tenant with the sample's roles and one API key per named role set; returns the keys.</summary>
    private async Task<Dictionary<string, string>> SetUpAsync(string tenantId, params (string Name, string[] Roles)[] principals)
    {
        await _server.Services.GetRequiredService<ITenantService>().CreateAsync(tenantId, tenantId);
        await Roles.CreateRoleAsync(new Role { TenantId = tenantId, Id = "reader", Name = "Reader", Permissions = [Permission.Allow("documents", "read"), Permission.Allow("expenses", "create"), Permission.Allow("expenses", "read").When(PermissionCondition.Owner)] });
        await Roles.CreateRoleAsync(new Role { TenantId = tenantId, Id = "auditor", Name = "Auditor", Permissions = [Permission.Allow("expenses", "read")] });
        await Roles.CreateRoleAsync(new Role { TenantId = tenantId, Id = "quarantined", Name = "Quarantined", Permissions = [Permission.Deny("documents", "*")] });
        await Roles.CreateRoleAsync(new Role
        {
            TenantId = tenantId,
            Id = "payroll",
            Name = "Payroll",
            Permissions = [Permission.Allow("payroll", "run").When(PermissionCondition.TimeWindow("Europe/Copenhagen", new TimeOnly(8, 0), new TimeOnly(17, 0), [.. TimeWindowCondition.Weekdays]))],
        });
        await Roles.CreateRoleAsync(new Role
        {
            TenantId = tenantId,
            Id = "office",
            Name = "Office network",
            Permissions = [Permission.Allow("customers", "export").When(PermissionCondition.ClientIpRange("127.0.0.2/32"))],
        });

        var keys = new Dictionary<string, string>();
        var manager = _server.Services.GetRequiredService<IApiKeyManager>();
        foreach (var (name, roles) in principals)
        {
            var issued = await manager.IssueAsync(tenantId, new ApiKeyIssueRequest { Name = name });
            foreach (var role in roles)
            {
                await Roles.AssignRoleAsync(tenantId, issued.Record.Id, role);
            }

            keys[name] = issued.Key;
        }

        return keys;
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string apiKey, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", apiKey);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return request;
    }

    private static async Task AssertForbiddenAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal("urn:tekup:security:problem:" + reason, problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Documents_RoleGrantsRead_200()
    {
        var keys = await SetUpAsync("rbac-allow", ("alice", ["reader"]));

        using var response = await _server.Client.SendAsync(Request(HttpMethod.Get, "/documents", keys["alice"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Documents_NoRoleGrantsRead_403NoMatchingPermission()
    {
        var keys = await SetUpAsync("rbac-missing", ("bob", ["payroll"]));

        using var response = await _server.Client.SendAsync(Request(HttpMethod.Get, "/documents", keys["bob"]));

        await AssertForbiddenAsync(response, "no_matching_permission");
    }

    [Fact]
    public async Task Documents_ExplicitDenyBesideAllow_403ExplicitDeny()
    {
        var keys = await SetUpAsync("rbac-deny", ("carol", ["reader", "quarantined"]));

        using var response = await _server.Client.SendAsync(Request(HttpMethod.Get, "/documents", keys["carol"]));

        await AssertForbiddenAsync(response, "explicit_deny");
    }

    [Fact]
    public async Task Documents_NoCredential_401()
    {
        using var response = await _server.Client.GetAsync(new Uri("/documents", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Expenses_OwnerReadsOwnExpenseButNotAnothers_200Then403()
    {
        var keys = await SetUpAsync("rbac-owner", ("alice", ["reader"]), ("bob", ["reader"]));
        using var created = await _server.Client.SendAsync(Request(HttpMethod.Post, "/expenses?amount=120.50", keys["alice"]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var byOwner = await _server.Client.SendAsync(Request(HttpMethod.Get, $"/expenses/{id}", keys["alice"]));
        using var byOther = await _server.Client.SendAsync(Request(HttpMethod.Get, $"/expenses/{id}", keys["bob"]));

        Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        Assert.Equal(120.50m, (await byOwner.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("amount").GetDecimal());
        await AssertForbiddenAsync(byOther, "condition_not_met");
    }

    [Fact]
    public async Task Expenses_AuditorWithoutOwnerCondition_ReadsAnyExpenseOfTheTenant()
    {
        var keys = await SetUpAsync("rbac-auditor", ("alice", ["reader"]), ("dave", ["auditor"]));
        using var created = await _server.Client.SendAsync(Request(HttpMethod.Post, "/expenses?amount=10", keys["alice"]));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var response = await _server.Client.SendAsync(Request(HttpMethod.Get, $"/expenses/{id}", keys["dave"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Expenses_ExpenseOfAnotherTenant_404()
    {
        var first = await SetUpAsync("rbac-tenant-a", ("alice", ["reader"]));
        var second = await SetUpAsync("rbac-tenant-b", ("mallory", ["auditor"]));
        using var created = await _server.Client.SendAsync(Request(HttpMethod.Post, "/expenses?amount=10", first["alice"]));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var response = await _server.Client.SendAsync(Request(HttpMethod.Get, $"/expenses/{id}", second["mallory"]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Payroll_InsideAndOutsideTheTimeWindow_200Then403()
    {
        var keys = await SetUpAsync("rbac-window", ("erin", ["payroll"]));

        using var inside = await _server.Client.SendAsync(Request(HttpMethod.Post, "/payroll/runs", keys["erin"]));
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 2, 16, 30, 0, TimeSpan.Zero)); // 17:30 in Copenhagen
        using var outside = await _server.Client.SendAsync(Request(HttpMethod.Post, "/payroll/runs", keys["erin"]));

        Assert.Equal(HttpStatusCode.OK, inside.StatusCode);
        await AssertForbiddenAsync(outside, "condition_not_met");
    }

    [Fact]
    public async Task CustomersExport_FromInsideAndOutsideTheIpRange_200Then403()
    {
        var keys = await SetUpAsync("rbac-ip", ("frank", ["office"]));
        using var office = _server.ClientFrom(IPAddress.Parse("127.0.0.2"));

        using var fromOffice = await office.SendAsync(Request(HttpMethod.Get, "/customers/export", keys["frank"]));
        using var fromElsewhere = await _server.Client.SendAsync(Request(HttpMethod.Get, "/customers/export", keys["frank"]));

        Assert.Equal(HttpStatusCode.OK, fromOffice.StatusCode);
        await AssertForbiddenAsync(fromElsewhere, "condition_not_met");
    }

    [Fact]
    public async Task CustomersExport_ForwardedForFromKnownProxyOnly_IsTrusted()
    {
        var keys = await SetUpAsync("rbac-proxy", ("grace", ["office"]));
        using var unknownProxy = _server.ClientFrom(IPAddress.Parse("127.0.0.3"));

        using var viaKnownProxy = await _server.Client.SendAsync(Request(HttpMethod.Get, "/customers/export", keys["grace"], forwardedFor: "127.0.0.2"));
        using var viaUnknownProxy = await unknownProxy.SendAsync(Request(HttpMethod.Get, "/customers/export", keys["grace"], forwardedFor: "127.0.0.2"));

        Assert.Equal(HttpStatusCode.OK, viaKnownProxy.StatusCode);
        await AssertForbiddenAsync(viaUnknownProxy, "condition_not_met");
    }

    [Fact]
    public async Task PermissionsCheck_ExplainsTheDecisionToTheCaller()
    {
        var keys = await SetUpAsync("rbac-explain", ("heidi", ["reader", "quarantined"]));

        using var response = await _server.Client.SendAsync(Request(HttpMethod.Get, "/permissions/check?resource=documents&action=read", keys["heidi"]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("allowed").GetBoolean());
        Assert.Equal("explicit_deny", body.GetProperty("reason").GetString());
        Assert.Equal("quarantined", body.GetProperty("role").GetString());
        Assert.Contains("a deny beats any allow", body.GetProperty("explanation").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Permissions_ListsEffectivePermissionsWithTheirRoles()
    {
        var keys = await SetUpAsync("rbac-effective", ("ivan", ["reader"]));

        using var response = await _server.Client.SendAsync(Request(HttpMethod.Get, "/permissions", keys["ivan"]));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["allow documents:read (reader)", "allow expenses:create (reader)", "allow expenses:read [owner] (reader)"], body.EnumerateArray().Select(e => e.GetString()));
    }
}
