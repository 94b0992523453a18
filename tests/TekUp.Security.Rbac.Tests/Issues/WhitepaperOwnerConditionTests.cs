namespace TekUp.Security.Rbac.Tests.Issues;

/// <summary>
/// Whitepaper defect 3: its <c>owner</c> condition compared <c>context.ownerId</c> with <c>context.userId</c>, two values
/// from the caller's own context, so a caller could claim any resource by sending its own id as the owner. Here the
/// owner comes from the host's data (<see cref="ResourceContext.OwnerId"/>) and the user from authentication
/// (<see cref="Principals.SecurityPrincipal.SubjectId"/>); no caller-supplied value takes part.
/// </summary>
public sealed class WhitepaperOwnerConditionTests : IAsyncDisposable
{
    private readonly RbacHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task CheckAsync_OwnerConditionForSomeoneElsesResource_DeniesWhateverThePrincipalCarries()
    {
        await _h.CreateRoleAsync("employee", Permission.Allow("expenses", "edit").When(PermissionCondition.Owner));
        await _h.UserWithRolesAsync("mallory", "employee");

        // Mallory's credential carries scopes naming Bob; the whitepaper would have let her pass ownerId == userId == "bob".
        var mallory = RbacHarness.User("mallory") with { Scopes = ["owner:bob", "user:bob"] };
        var bobsExpense = new ResourceContext { OwnerId = "bob", TenantId = RbacHarness.Tenant, ResourceId = "exp-7" };

        var decision = await _h.CheckAsync(mallory, "expenses", "edit", bobsExpense);

        Assert.False(decision.IsAllowed);
        Assert.Equal(AccessDecisionReason.ConditionNotMet, decision.Reason);
        Assert.Equal("expenses/exp-7", Assert.Single(_h.Audit.OfType("rbac.denied")).Resource);
    }

    [Fact]
    public async Task CheckAsync_OwnerConditionForOwnResource_Allows()
    {
        await _h.CreateRoleAsync("employee", Permission.Allow("expenses", "edit").When(PermissionCondition.Owner));
        var bob = await _h.UserWithRolesAsync("bob", "employee");

        var decision = await _h.CheckAsync(bob, "expenses", "edit", new ResourceContext { OwnerId = "bob", TenantId = RbacHarness.Tenant });

        Assert.True(decision.IsAllowed);
    }
}
