using NSubstitute;
using TekUp.Security.Auditing;
using TekUp.Security.Principals;
using TekUp.Security.Rbac;

namespace TekUp.Security.Storage.Specification.Rbac;

/// <summary>
/// The Rbac module over a provider, with application instances that share the provider's storage: a change made through
/// one instance takes effect in another within <see cref="RbacOptions.EpochCheckInterval"/>, and concurrent saves from
/// two instances cannot together create an inheritance cycle.
/// </summary>
public abstract class RbacInstancesSpecification : StoreSpecification
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly SecurityPrincipal Alice = new() { TenantId = RbacStoreData.Tenant, SubjectId = "alice" };

    /// <inheritdoc />
    protected override void ConfigureModules(ITekUpSecurityBuilder builder)
    {
        // The Rbac module's audit entries are not under test here (and not every provider stores audit entries yet).
        builder.Services.AddSingleton(Substitute.For<IAuditTrail>());
        builder.AddRbac(o => o.EpochCheckInterval = Interval);
    }

    [Fact]
    public async Task CheckAsync_AssignmentRemovedByAnotherInstance_TakesEffectWithinTheInterval()
    {
        var first = Services;
        var second = CreateInstance();
        var firstChecker = first.GetRequiredService<IPermissionChecker>();
        var secondRoles = second.GetRequiredService<IRoleManager>();
        await secondRoles.CreateRoleAsync(new Role { TenantId = RbacStoreData.Tenant, Id = "reader", Name = "Reader", Permissions = [Permission.Allow("invoices", "read")] });
        await secondRoles.AssignRoleAsync(RbacStoreData.Tenant, "alice", "reader");
        Assert.True((await firstChecker.CheckAsync(Alice, "invoices", "read")).IsAllowed);

        await secondRoles.UnassignRoleAsync(RbacStoreData.Tenant, "alice", "reader");
        Time.Advance(Interval + TimeSpan.FromMilliseconds(1));

        Assert.False((await firstChecker.CheckAsync(Alice, "invoices", "read")).IsAllowed);
        Assert.False((await second.GetRequiredService<IPermissionChecker>().CheckAsync(Alice, "invoices", "read")).IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_RoleChangedByAnotherInstance_TakesEffectWithinTheInterval()
    {
        var first = Services;
        var second = CreateInstance();
        var firstChecker = first.GetRequiredService<IPermissionChecker>();
        var secondRoles = second.GetRequiredService<IRoleManager>();
        var role = await secondRoles.CreateRoleAsync(new Role { TenantId = RbacStoreData.Tenant, Id = "clerk", Name = "Clerk", Permissions = [Permission.Allow("invoices", "*")] });
        await secondRoles.AssignRoleAsync(RbacStoreData.Tenant, "alice", "clerk");
        Assert.True((await firstChecker.CheckAsync(Alice, "invoices", "delete")).IsAllowed);

        await secondRoles.UpdateRoleAsync(role with { Permissions = [Permission.Allow("invoices", "*"), Permission.Deny("invoices", "delete")] });
        Time.Advance(Interval + TimeSpan.FromMilliseconds(1));

        var decision = await firstChecker.CheckAsync(Alice, "invoices", "delete");
        Assert.Equal(AccessDecisionReason.ExplicitDeny, decision.Reason);
    }

    [Fact]
    public async Task UpdateRoleAsync_OppositeParentsSavedFromTwoInstancesAtOnce_NeverFormACycle()
    {
        var firstRoles = Services.GetRequiredService<IRoleManager>();
        var secondRoles = CreateInstance().GetRequiredService<IRoleManager>();
        var a = await firstRoles.CreateRoleAsync(new Role { TenantId = RbacStoreData.Tenant, Id = "a", Name = "A" });
        var b = await firstRoles.CreateRoleAsync(new Role { TenantId = RbacStoreData.Tenant, Id = "b", Name = "B" });

        for (var round = 0; round < 5; round++)
        {
            var results = await Task.WhenAll(
                Task.Run(() => SaveAsync(firstRoles, a with { ParentRoleIds = ["b"] })),
                Task.Run(() => SaveAsync(secondRoles, b with { ParentRoleIds = ["a"] })));

            Assert.Equal(1, results.Count(ok => ok));
            var roles = await firstRoles.ListRolesAsync(RbacStoreData.Tenant);
            Assert.Equal(1, roles.Count(r => r.ParentRoleIds.Count > 0));

            // Reset for the next round.
            a = roles.Single(r => r.Id == "a");
            b = roles.Single(r => r.Id == "b");
            a = await firstRoles.UpdateRoleAsync(a with { ParentRoleIds = [] });
            b = await firstRoles.UpdateRoleAsync(b with { ParentRoleIds = [] });
        }

        static async Task<bool> SaveAsync(IRoleManager manager, Role role)
        {
            try
            {
                await manager.UpdateRoleAsync(role);
                return true;
            }
            catch (RoleInheritanceCycleException)
            {
                return false;
            }
        }
    }
}
