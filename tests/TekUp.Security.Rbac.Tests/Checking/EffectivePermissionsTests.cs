namespace TekUp.Security.Rbac.Tests.Checking;

public sealed class EffectivePermissionsTests : IAsyncDisposable
{
    private readonly RbacHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task GetEffectivePermissionsAsync_InheritedRoles_ListsEachPermissionWithItsRoleChain()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        await _h.CreateRoleAsync("clerk", ["reader"], Permission.Allow("invoices", "write").When(PermissionCondition.Owner));
        await _h.CreateRoleAsync("no-delete", Permission.Deny("invoices", "delete"));
        var alice = await _h.UserWithRolesAsync("alice", "clerk", "no-delete");

        var effective = await _h.Checker.GetEffectivePermissionsAsync(alice);

        Assert.Equal(3, effective.Count);
        var write = Assert.Single(effective, e => e.RoleId == "clerk");
        Assert.Equal(["clerk"], write.RolePath);
        Assert.False(write.IsInherited);
        Assert.Equal(PermissionCondition.Owner, Assert.Single(write.Permission.Conditions));
        var read = Assert.Single(effective, e => e.RoleId == "reader");
        Assert.Equal(["clerk", "reader"], read.RolePath);
        Assert.True(read.IsInherited);
        Assert.Equal("allow invoices:read (clerk > reader)", read.ToString());
        var deny = Assert.Single(effective, e => e.RoleId == "no-delete");
        Assert.Equal(PermissionEffect.Deny, deny.Permission.Effect);
    }

    [Fact]
    public async Task GetEffectivePermissionsAsync_RoleReachedTwice_ListsItOnceWithTheShortestChain()
    {
        await _h.CreateRoleAsync("base", Permission.Allow("files", "read"));
        await _h.CreateRoleAsync("middle", ["base"]);
        await _h.CreateRoleAsync("top", ["middle"]);
        var bob = await _h.UserWithRolesAsync("bob", "top", "base");

        var effective = await _h.Checker.GetEffectivePermissionsAsync(bob);

        var only = Assert.Single(effective);
        Assert.Equal(["base"], only.RolePath);
    }

    [Fact]
    public async Task GetEffectivePermissionsAsync_NoRoles_IsEmpty()
    {
        Assert.Empty(await _h.Checker.GetEffectivePermissionsAsync(RbacHarness.User("nobody")));
    }
}
