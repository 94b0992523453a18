namespace TekUp.Security.Rbac.Tests.Conditions;

public sealed class OwnerConditionTests : IAsyncDisposable
{
    private readonly RbacHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private async Task SetUpAsync()
    {
        await _h.CreateRoleAsync("employee", Permission.Allow("expenses", "read", "edit").When(PermissionCondition.Owner));
        await _h.UserWithRolesAsync("alice", "employee");
    }

    [Fact]
    public async Task CheckAsync_PrincipalOwnsResource_Allows()
    {
        await SetUpAsync();

        var decision = await _h.CheckAsync(RbacHarness.User("alice"), "expenses", "edit", new ResourceContext { OwnerId = "alice" });

        Assert.True(decision.IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_AnotherUserOwnsResource_DeniesWithConditionNotMet()
    {
        await SetUpAsync();

        var decision = await _h.CheckAsync(RbacHarness.User("alice"), "expenses", "edit", new ResourceContext { OwnerId = "bob" });

        Assert.Equal(AccessDecisionReason.ConditionNotMet, decision.Reason);
        Assert.Equal(PermissionCondition.Owner, decision.Condition);
        Assert.Contains("not the resource's owner", decision.Explanation, StringComparison.Ordinal);
        Assert.Equal("owner", Assert.Single(_h.Audit.OfType("rbac.denied")).Data!["condition"]);
    }

    [Fact]
    public async Task CheckAsync_OwnerUnknown_DoesNotAllow()
    {
        await SetUpAsync();

        var withoutContext = await _h.CheckAsync(RbacHarness.User("alice"), "expenses", "read");
        var withoutOwner = await _h.CheckAsync(RbacHarness.User("alice"), "expenses", "read", new ResourceContext { TenantId = RbacHarness.Tenant });

        Assert.Equal(AccessDecisionReason.ConditionNotMet, withoutContext.Reason);
        Assert.Contains("no resource owner", withoutContext.Explanation, StringComparison.Ordinal);
        Assert.Equal(AccessDecisionReason.ConditionNotMet, withoutOwner.Reason);
    }

    [Fact]
    public async Task CheckAsync_OwnerComparison_IsExact()
    {
        await SetUpAsync();

        var decision = await _h.CheckAsync(RbacHarness.User("alice"), "expenses", "read", new ResourceContext { OwnerId = "ALICE" });

        Assert.False(decision.IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_DenyOnOwner_ForbidsApprovingOwnResourceOnly()
    {
        await _h.CreateRoleAsync(
            "approver",
            Permission.Allow("expenses", "approve"),
            Permission.Deny("expenses", "approve").When(PermissionCondition.Owner));
        var alice = await _h.UserWithRolesAsync("alice", "approver");

        var own = await _h.CheckAsync(alice, "expenses", "approve", new ResourceContext { OwnerId = "alice" });
        var others = await _h.CheckAsync(alice, "expenses", "approve", new ResourceContext { OwnerId = "bob" });
        var unknown = await _h.CheckAsync(alice, "expenses", "approve");

        Assert.Equal(AccessDecisionReason.ExplicitDeny, own.Reason);
        Assert.True(others.IsAllowed);
        Assert.Equal(AccessDecisionReason.ExplicitDeny, unknown.Reason);
        Assert.Contains("a deny fails closed", unknown.Explanation, StringComparison.Ordinal);
    }
}
