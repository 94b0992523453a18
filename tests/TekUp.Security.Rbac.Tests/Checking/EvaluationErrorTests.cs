using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NSubstitute;
using TekUp.Security.Auditing;
using TekUp.Security.Storage;

namespace TekUp.Security.Rbac.Tests.Checking;

public sealed class EvaluationErrorTests : IAsyncDisposable
{
    private readonly RbacHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    /// <summary>
    /// Stores a role behind the manager's back, as another instance with a different time zone database (or a corrupted
    /// row) could, with a time window in a zone this host does not know.
    /// </summary>
    private async Task StoreRoleWithUnknownTimeZoneAsync(PermissionEffect effect, params Permission[] others)
    {
        var epoch = await _h.RoleStore.GetEpochAsync(RbacHarness.Tenant);
        var broken = new Permission
        {
            Resource = "reports",
            Actions = ["export"],
            Effect = effect,
            Conditions = [PermissionCondition.TimeWindow("Mars/Olympus_Mons", new TimeOnly(8, 0), new TimeOnly(17, 0), DayOfWeek.Thursday)],
        };
        await _h.RoleStore.CreateAsync(new Role { TenantId = RbacHarness.Tenant, Id = "broken", Name = "Broken", Permissions = [broken, .. others] }, epoch);
    }

    [Fact]
    public async Task CheckAsync_AllowWhoseConditionThrows_DeniesAuditsAndLogs()
    {
        await StoreRoleWithUnknownTimeZoneAsync(PermissionEffect.Allow, Permission.Allow("reports", "read"));
        var alice = await _h.UserWithRolesAsync("alice", "broken");

        var decision = await _h.CheckAsync(alice, "reports", "export");

        Assert.False(decision.IsAllowed);
        Assert.Equal(AccessDecisionReason.EvaluationError, decision.Reason);
        Assert.Contains("a condition that fails never allows", decision.Explanation, StringComparison.Ordinal);
        var record = Assert.Single(_h.Audit.OfType("rbac.denied"));
        Assert.Equal("evaluation_error", record.Reason);
        Assert.Equal(AuditOutcome.Denied, record.Outcome);
        Assert.Equal(typeof(InvalidOperationException).FullName, record.Data!["error"]);
        var log = Assert.Single(_h.Logs.Entries, e => e.Id.Id == 5003);
        Assert.Equal(LogLevel.Warning, log.Level);
        Assert.DoesNotContain("alice", log.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_FaultyPermission_LeavesOtherPermissionsWorking()
    {
        await StoreRoleWithUnknownTimeZoneAsync(PermissionEffect.Allow, Permission.Allow("reports", "read"));
        var alice = await _h.UserWithRolesAsync("alice", "broken");

        Assert.True((await _h.CheckAsync(alice, "reports", "read")).IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_DenyWhoseConditionThrows_AppliesTheDeny()
    {
        await StoreRoleWithUnknownTimeZoneAsync(PermissionEffect.Deny, Permission.Allow("reports", "*"));
        var alice = await _h.UserWithRolesAsync("alice", "broken");

        var decision = await _h.CheckAsync(alice, "reports", "export");

        Assert.Equal(AccessDecisionReason.EvaluationError, decision.Reason);
        Assert.Contains("a deny whose condition fails applies", decision.Explanation, StringComparison.Ordinal);
        Assert.Single(_h.Audit.OfType("rbac.denied"));
    }

    [Fact]
    public async Task CheckAsync_ClientAddressAccessorThrows_DeniesAsEvaluationError()
    {
        await using var h = new RbacHarness(services: s =>
        {
            var accessor = Substitute.For<IClientAddressAccessor>();
            accessor.ClientAddress.Returns(_ => throw new InvalidOperationException("no connection"));
            s.RemoveAll<IClientAddressAccessor>();
            s.AddSingleton(accessor);
        });
        await h.CreateRoleAsync("office", Permission.Allow("payroll", "read").When(PermissionCondition.ClientIpRange("10.0.0.0/8")));
        var alice = await h.UserWithRolesAsync("alice", "office");

        var decision = await h.CheckAsync(alice, "payroll", "read");

        Assert.Equal(AccessDecisionReason.EvaluationError, decision.Reason);
        Assert.Equal("evaluation_error", Assert.Single(h.Audit.OfType("rbac.denied")).Reason);
    }

    [Fact]
    public async Task CheckAsync_StoreFails_DeniesAuditsAndLogsError()
    {
        var store = Substitute.For<IRoleStore>();
        store.ListAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(Task.FromException<TenantRoles>(new TekUpStorageException("database is locked")));
        await using var h = new RbacHarness(services: s =>
        {
            s.RemoveAll<IRoleStore>();
            s.AddSingleton(store);
        });

        var decision = await h.CheckAsync(RbacHarness.User("alice"), "invoices", "read");

        Assert.Equal(AccessDecisionReason.EvaluationError, decision.Reason);
        var record = Assert.Single(h.Audit.OfType("rbac.denied"));
        Assert.Equal(typeof(TekUpStorageException).FullName, record.Data!["error"]);
        Assert.Contains(h.Logs.Entries, e => e.Id.Id == 5002 && e.Level == LogLevel.Error && e.Exception is TekUpStorageException);
    }

    [Fact]
    public async Task CheckAsync_CancelledWhileLoading_ThrowsInsteadOfDenying()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var store = Substitute.For<IRoleStore>();
        store.ListAsync(Arg.Any<string>(), Arg.Any<CancellationToken>()).Returns(Task.FromCanceled<TenantRoles>(cancelled.Token));
        await using var h = new RbacHarness(services: s =>
        {
            s.RemoveAll<IRoleStore>();
            s.AddSingleton(store);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            await h.Checker.CheckAsync(RbacHarness.User("alice"), "invoices", "read", cancellationToken: cancelled.Token));
        Assert.Empty(h.Audit.Records);
    }
}
