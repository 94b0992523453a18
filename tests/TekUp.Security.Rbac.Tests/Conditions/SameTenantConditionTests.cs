namespace TekUp.Security.Rbac.Tests.Conditions;

public sealed class SameTenantConditionTests : IAsyncDisposable
{
    private readonly RbacHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task CheckAsync_ResourceInPrincipalsTenant_Allows()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("documents", "read").When(PermissionCondition.SameTenant));
        var alice = await _h.UserWithRolesAsync("alice", "reader");

        var decision = await _h.CheckAsync(alice, "documents", "read", new ResourceContext { TenantId = RbacHarness.Tenant });

        Assert.True(decision.IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_ResourceTenantNotStated_DoesNotAllow()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("documents", "read").When(PermissionCondition.SameTenant));
        var alice = await _h.UserWithRolesAsync("alice", "reader");

        var decision = await _h.CheckAsync(alice, "documents", "read", new ResourceContext { OwnerId = "alice" });

        Assert.Equal(AccessDecisionReason.ConditionNotMet, decision.Reason);
        Assert.Contains("no resource tenant", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_ResourceInOtherTenant_DeniesAsCrossTenant()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("documents", "read").When(PermissionCondition.SameTenant));
        var alice = await _h.UserWithRolesAsync("alice", "reader");

        var decision = await _h.CheckAsync(alice, "documents", "read", new ResourceContext { TenantId = "globex" });

        Assert.Equal(AccessDecisionReason.CrossTenant, decision.Reason);
    }
}
