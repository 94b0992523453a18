using TekUp.Security.Rbac.Internal;

namespace TekUp.Security.Rbac.Tests.Checking;

public sealed class CacheInvalidationTests : IAsyncDisposable
{
    private readonly RbacHarness _h = new(o => o.EpochCheckInterval = TimeSpan.FromSeconds(5));

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task CheckAsync_AfterRoleUpdateThroughManager_SeesTheChangeImmediately()
    {
        var role = await _h.CreateRoleAsync("clerk", Permission.Allow("invoices", "read", "write"));
        var alice = await _h.UserWithRolesAsync("alice", "clerk");
        Assert.True((await _h.CheckAsync(alice, "invoices", "write")).IsAllowed);

        await _h.Roles.UpdateRoleAsync(role with { Permissions = [Permission.Allow("invoices", "read")] });

        Assert.False((await _h.CheckAsync(alice, "invoices", "write")).IsAllowed);
        Assert.True((await _h.CheckAsync(alice, "invoices", "read")).IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_AfterParentRoleChange_SeesTheChangeInChildRolesImmediately()
    {
        var parent = await _h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        await _h.CreateRoleAsync("clerk", ["reader"], Permission.Allow("invoices", "write"));
        var alice = await _h.UserWithRolesAsync("alice", "clerk");
        Assert.True((await _h.CheckAsync(alice, "invoices", "read")).IsAllowed);

        await _h.Roles.UpdateRoleAsync(parent with { Permissions = [Permission.Deny("invoices", "read")] });

        Assert.Equal(AccessDecisionReason.ExplicitDeny, (await _h.CheckAsync(alice, "invoices", "read")).Reason);
    }

    [Fact]
    public async Task CheckAsync_AfterAssignmentChanges_SeesThemImmediately()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        await _h.CreateRoleAsync("writer", Permission.Allow("invoices", "write"));
        var alice = await _h.UserWithRolesAsync("alice", "reader");
        var bob = await _h.UserWithRolesAsync("bob", "reader");
        Assert.False((await _h.CheckAsync(alice, "invoices", "write")).IsAllowed);
        Assert.True((await _h.CheckAsync(bob, "invoices", "read")).IsAllowed);

        await _h.Roles.AssignRoleAsync(RbacHarness.Tenant, "alice", "writer");
        Assert.True((await _h.CheckAsync(alice, "invoices", "write")).IsAllowed);

        await _h.Roles.UnassignRoleAsync(RbacHarness.Tenant, "bob", "reader");
        Assert.False((await _h.CheckAsync(bob, "invoices", "read")).IsAllowed);
        Assert.True((await _h.CheckAsync(alice, "invoices", "read")).IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_AfterRoleDeleted_LosesItsPermissions()
    {
        var role = await _h.CreateRoleAsync("temp", Permission.Allow("invoices", "read"));
        var alice = await _h.UserWithRolesAsync("alice", "temp");
        Assert.True((await _h.CheckAsync(alice, "invoices", "read")).IsAllowed);

        await _h.Roles.DeleteRoleAsync(RbacHarness.Tenant, "temp", role.Version);

        Assert.False((await _h.CheckAsync(alice, "invoices", "read")).IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_ChangeByAnotherInstance_IsSeenOnceTheEpochCheckIntervalHasPassed()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        var alice = await _h.UserWithRolesAsync("alice", "reader");
        Assert.True((await _h.CheckAsync(alice, "invoices", "read")).IsAllowed);

        // Another instance sharing the store takes the role away: this instance's manager is not told.
        var epoch = await _h.RoleStore.GetEpochAsync(RbacHarness.Tenant);
        Assert.True(await _h.AssignmentStore.RemoveAsync(RbacHarness.Tenant, "alice", "reader", epoch));

        _h.Time.Advance(TimeSpan.FromMilliseconds(4_999));
        Assert.True((await _h.CheckAsync(alice, "invoices", "read")).IsAllowed);

        _h.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False((await _h.CheckAsync(alice, "invoices", "read")).IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_ZeroEpochCheckInterval_SeesChangesByOtherInstancesOnTheNextCheck()
    {
        await using var h = new RbacHarness(o => o.EpochCheckInterval = TimeSpan.Zero);
        await h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        var alice = await h.UserWithRolesAsync("alice", "reader");
        Assert.True((await h.CheckAsync(alice, "invoices", "read")).IsAllowed);

        var epoch = await h.RoleStore.GetEpochAsync(RbacHarness.Tenant);
        await h.AssignmentStore.RemoveAsync(RbacHarness.Tenant, "alice", "reader", epoch);

        Assert.False((await h.CheckAsync(alice, "invoices", "read")).IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_UnchangedEpoch_KeepsTheCompiledSetAfterRevalidating()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        var alice = await _h.UserWithRolesAsync("alice", "reader");
        await _h.CheckAsync(alice, "invoices", "read");
        var compilations = _h.Logs.Entries.Count(e => e.Id.Id == 5001);

        _h.Time.Advance(TimeSpan.FromMinutes(1));
        await _h.CheckAsync(alice, "invoices", "read");
        await _h.CheckAsync(alice, "invoices", "read");

        Assert.Equal(compilations, _h.Logs.Entries.Count(e => e.Id.Id == 5001));
    }

    [Fact]
    public async Task CheckAsync_MorePrincipalsThanTheBound_KeepsTheCacheBounded()
    {
        await using var h = new RbacHarness(o => o.MaxCachedPrincipals = 10);
        await h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        for (var i = 0; i < 40; i++)
        {
            var user = await h.UserWithRolesAsync($"user-{i}", "reader");
            h.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.True((await h.CheckAsync(user, "invoices", "read")).IsAllowed);
        }

        var cache = h.Services.GetRequiredService<RbacCache>();
        Assert.InRange(cache.Count, 1, 10);
        Assert.True((await h.CheckAsync(RbacHarness.User("user-0"), "invoices", "read")).IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_ConcurrentChecksDuringRoleChanges_AlwaysDecideFromAConsistentVersion()
    {
        var role = await _h.CreateRoleAsync("clerk", Permission.Allow("invoices", "read"));
        var alice = await _h.UserWithRolesAsync("alice", "clerk");
        using var stop = new CancellationTokenSource();
        var checks = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var count = 0;
            while (!stop.IsCancellationRequested || count < 100)
            {
                var decision = await _h.CheckAsync(alice, "invoices", "read");
                Assert.True(decision.Reason is AccessDecisionReason.Allowed or AccessDecisionReason.ExplicitDeny);
                count++;
            }

            return count;
        })).ToArray();

        for (var i = 0; i < 50; i++)
        {
            role = await _h.Roles.UpdateRoleAsync(role with
            {
                Permissions = i % 2 == 0 ? [Permission.Deny("invoices", "read")] : [Permission.Allow("invoices", "read")],
            });
        }

        await stop.CancelAsync();
        var counts = await Task.WhenAll(checks);

        Assert.All(counts, c => Assert.True(c > 0));
        Assert.True((await _h.CheckAsync(alice, "invoices", "read")).IsAllowed);
    }
}
