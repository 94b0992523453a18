using TekUp.Security.Auditing;
using TekUp.Security.Events;

namespace TekUp.Security.Rbac.Tests.Checking;

public sealed class PermissionCheckerTests : IAsyncDisposable
{
    private readonly RbacHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    [Fact]
    public async Task CheckAsync_GrantedPermission_AllowsAndNamesRoleAndPermission()
    {
        await _h.CreateRoleAsync("accountant", Permission.Allow("invoices", "read", "write"));
        var alice = await _h.UserWithRolesAsync("alice", "accountant");

        var decision = await _h.CheckAsync(alice, "invoices", "write");

        Assert.True(decision.IsAllowed);
        Assert.Equal(AccessDecisionReason.Allowed, decision.Reason);
        Assert.Equal("allowed", decision.ReasonCode);
        Assert.Equal("accountant", decision.RoleId);
        Assert.Equal(["accountant"], decision.RolePath);
        Assert.Equal(Permission.Allow("invoices", "read", "write"), decision.Permission);
        Assert.Contains("'allow invoices:read,write' of role 'accountant' (assigned)", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_PrincipalWithoutRoles_DeniesByDefaultAndAudits()
    {
        var decision = await _h.CheckAsync(RbacHarness.User("nobody"), "invoices", "read");

        Assert.False(decision.IsAllowed);
        Assert.Equal(AccessDecisionReason.NoMatchingPermission, decision.Reason);
        Assert.Contains("holds no role", decision.Explanation, StringComparison.Ordinal);
        var record = Assert.Single(_h.Audit.OfType("rbac.denied"));
        Assert.Equal(AuditOutcome.Denied, record.Outcome);
        Assert.Equal("no_matching_permission", record.Reason);
        Assert.Equal("nobody", record.Actor);
        Assert.Equal(RbacHarness.Tenant, record.TenantId);
        Assert.Equal("read", record.Data!["action"]);
        var securityEvent = Assert.Single(_h.Events.Events);
        Assert.Equal(SecurityEventType.AccessDenied, securityEvent.Type);
        Assert.Equal("invoices", securityEvent.Resource);
        Assert.Equal("nobody", securityEvent.PrincipalId);
        Assert.Equal(_h.Time.GetUtcNow(), securityEvent.Timestamp);
    }

    [Fact]
    public async Task CheckAsync_ActionNotGranted_DeniesByDefaultNamingTheRoles()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        var bob = await _h.UserWithRolesAsync("bob", "reader");

        var decision = await _h.CheckAsync(bob, "invoices", "delete");

        Assert.Equal(AccessDecisionReason.NoMatchingPermission, decision.Reason);
        Assert.Contains("reader", decision.Explanation, StringComparison.Ordinal);
        Assert.Null(decision.RoleId);
    }

    [Theory]
    [InlineData("a-deny", "z-allow", true)]
    [InlineData("a-deny", "z-allow", false)]
    [InlineData("z-deny", "a-allow", true)]
    [InlineData("z-deny", "a-allow", false)]
    public async Task CheckAsync_DenyInOneRoleAllowInAnother_DeniesWhateverTheOrder(string denyRole, string allowRole, bool assignDenyFirst)
    {
        await _h.CreateRoleAsync(denyRole, Permission.Deny("invoices", "delete"));
        await _h.CreateRoleAsync(allowRole, Permission.Allow("invoices", "*"));
        var carol = assignDenyFirst
            ? await _h.UserWithRolesAsync("carol", denyRole, allowRole)
            : await _h.UserWithRolesAsync("carol", allowRole, denyRole);

        var delete = await _h.CheckAsync(carol, "invoices", "delete");
        var read = await _h.CheckAsync(carol, "invoices", "read");

        Assert.Equal(AccessDecisionReason.ExplicitDeny, delete.Reason);
        Assert.Equal(denyRole, delete.RoleId);
        Assert.Contains("a deny beats any allow", delete.Explanation, StringComparison.Ordinal);
        Assert.True(read.IsAllowed);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CheckAsync_DenyAndAllowInOneRole_DeniesWhateverThePermissionOrder(bool denyFirst)
    {
        Permission[] permissions = denyFirst
            ? [Permission.Deny("payroll", "export"), Permission.Allow("payroll", "export")]
            : [Permission.Allow("payroll", "export"), Permission.Deny("payroll", "export")];
        await _h.CreateRoleAsync("hr", permissions);
        var dave = await _h.UserWithRolesAsync("dave", "hr");

        Assert.Equal(AccessDecisionReason.ExplicitDeny, (await _h.CheckAsync(dave, "payroll", "export")).Reason);
    }

    [Fact]
    public async Task CheckAsync_WildcardDenyOnResource_BeatsSpecificAllow()
    {
        await _h.CreateRoleAsync("frozen", Permission.Deny("ledger", "*"));
        await _h.CreateRoleAsync("bookkeeper", Permission.Allow("ledger", "post"));
        var erin = await _h.UserWithRolesAsync("erin", "frozen", "bookkeeper");

        Assert.Equal(AccessDecisionReason.ExplicitDeny, (await _h.CheckAsync(erin, "ledger", "post")).Reason);
        Assert.Equal(AccessDecisionReason.ExplicitDeny, (await _h.CheckAsync(erin, "ledger", "anything-else")).Reason);
    }

    [Fact]
    public async Task CheckAsync_WildcardActions_AllowEveryActionOnThatResourceOnly()
    {
        await _h.CreateRoleAsync("invoice-admin", Permission.Allow("invoices", "*"));
        var frank = await _h.UserWithRolesAsync("frank", "invoice-admin");

        Assert.True((await _h.CheckAsync(frank, "invoices", "approve")).IsAllowed);
        Assert.True((await _h.CheckAsync(frank, "invoices", "read")).IsAllowed);
        Assert.False((await _h.CheckAsync(frank, "customers", "read")).IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_WildcardResource_AllowsEveryResourceButExplicitDenyStillWins()
    {
        var role = await _h.CreateRoleAsync("superuser", Permission.Allow("*", "*"), Permission.Deny("audit", "delete"));
        var grace = await _h.UserWithRolesAsync("grace", "superuser");

        Assert.True(role.HasWildcardGrant);
        Assert.True((await _h.CheckAsync(grace, "anything", "read")).IsAllowed);
        Assert.True((await _h.CheckAsync(grace, "audit", "read")).IsAllowed);
        Assert.Equal(AccessDecisionReason.ExplicitDeny, (await _h.CheckAsync(grace, "audit", "delete")).Reason);
    }

    [Fact]
    public async Task CheckAsync_WildcardResourceWithNamedAction_AppliesToThatActionOnAnyResource()
    {
        await _h.CreateRoleAsync("auditor", Permission.Allow("*", "read"));
        var heidi = await _h.UserWithRolesAsync("heidi", "auditor");

        Assert.True((await _h.CheckAsync(heidi, "invoices", "read")).IsAllowed);
        Assert.False((await _h.CheckAsync(heidi, "invoices", "write")).IsAllowed);
    }

    [Fact]
    public async Task CheckAsync_NamesInOtherCase_MatchCaseInsensitivelySoADenyCannotBeSidestepped()
    {
        await _h.CreateRoleAsync("mixed", Permission.Allow("*", "*"), Permission.Deny("payroll", "export"));
        var ivan = await _h.UserWithRolesAsync("ivan", "mixed");

        Assert.Equal(AccessDecisionReason.ExplicitDeny, (await _h.CheckAsync(ivan, "PAYROLL", "Export")).Reason);
    }

    [Fact]
    public async Task CheckAsync_DisabledPrincipal_DeniesDespiteAllow()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        await _h.UserWithRolesAsync("judy", "reader");

        var decision = await _h.CheckAsync(RbacHarness.User("judy", disabled: true), "invoices", "read");

        Assert.Equal(AccessDecisionReason.PrincipalDisabled, decision.Reason);
        Assert.Equal("principal_disabled", Assert.Single(_h.Audit.OfType("rbac.denied")).Reason);
    }

    [Fact]
    public async Task CheckAsync_ResourceOfAnotherTenant_DeniesEvenWithWildcardGrant()
    {
        await _h.CreateRoleAsync("superuser", Permission.Allow("*", "*"));
        var mallory = await _h.UserWithRolesAsync("mallory", "superuser");

        var decision = await _h.CheckAsync(mallory, "invoices", "read", new ResourceContext { TenantId = "globex", ResourceId = "42" });

        Assert.Equal(AccessDecisionReason.CrossTenant, decision.Reason);
        var record = Assert.Single(_h.Audit.OfType("rbac.denied"));
        Assert.Equal("cross_tenant", record.Reason);
        Assert.Equal("globex", record.Data!["resource_tenant"]);
        Assert.Equal("invoices/42", record.Resource);
    }

    [Fact]
    public async Task CheckAsync_SameSubjectIdInAnotherTenant_GetsNothingFromThisTenantsRoles()
    {
        await _h.CreateRoleAsync("superuser", Permission.Allow("*", "*"));
        await _h.UserWithRolesAsync("oscar", "superuser");

        var decision = await _h.CheckAsync(RbacHarness.User("oscar", tenantId: "globex"), "invoices", "read");

        Assert.Equal(AccessDecisionReason.NoMatchingPermission, decision.Reason);
    }

    [Fact]
    public async Task CheckAsync_InheritedPermission_AllowsAndShowsTheRoleChain()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        await _h.CreateRoleAsync("clerk", ["reader"], Permission.Allow("invoices", "write"));
        await _h.CreateRoleAsync("accountant", ["clerk"], Permission.Allow("invoices", "approve"));
        var peggy = await _h.UserWithRolesAsync("peggy", "accountant");

        var decision = await _h.CheckAsync(peggy, "invoices", "read");

        Assert.True(decision.IsAllowed);
        Assert.Equal("reader", decision.RoleId);
        Assert.Equal(["accountant", "clerk", "reader"], decision.RolePath);
        Assert.Contains("(inherited: accountant > clerk > reader)", decision.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_DenyInheritedFromParent_BeatsTheChildsOwnAllow()
    {
        await _h.CreateRoleAsync("no-export", Permission.Deny("customers", "export"));
        await _h.CreateRoleAsync("sales", ["no-export"], Permission.Allow("customers", "*"));
        var sam = await _h.UserWithRolesAsync("sam", "sales");

        var decision = await _h.CheckAsync(sam, "customers", "export");

        Assert.Equal(AccessDecisionReason.ExplicitDeny, decision.Reason);
        Assert.Equal(["sales", "no-export"], decision.RolePath);
    }

    [Fact]
    public async Task CheckAsync_DenialWithResourceAndClient_AuditsDetailsAndPublishesNormalisedClientIp()
    {
        await _h.CreateRoleAsync("intern", Permission.Deny("invoices", "delete"));
        var trent = await _h.UserWithRolesAsync("trent", "intern");
        _h.ClientAddress.Set("::ffff:192.0.2.7");

        await _h.CheckAsync(trent, "invoices", "delete", new ResourceContext { ResourceId = "1001", TenantId = RbacHarness.Tenant });

        var record = Assert.Single(_h.Audit.OfType("rbac.denied"));
        Assert.Equal("explicit_deny", record.Reason);
        Assert.Equal("invoices/1001", record.Resource);
        Assert.Equal("intern", record.Data!["role"]);
        Assert.Equal("deny invoices:delete", record.Data["permission"]);
        Assert.Equal("192.0.2.7", Assert.Single(_h.Events.Events).ClientIp);
    }

    [Fact]
    public async Task CheckAsync_AllowAuditNone_DoesNotAuditAllows()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        var alice = await _h.UserWithRolesAsync("alice", "reader");
        _h.Audit.Clear();

        await _h.CheckAsync(alice, "invoices", "read");

        Assert.Empty(_h.Audit.Records);
        Assert.Empty(_h.Events.Events);
    }

    [Fact]
    public async Task CheckAsync_AllowAuditAll_AuditsEveryAllow()
    {
        await using var h = new RbacHarness(o => o.AllowAudit = AllowAuditPolicy.All);
        await h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        var alice = await h.UserWithRolesAsync("alice", "reader");

        await h.CheckAsync(alice, "invoices", "read");
        await h.CheckAsync(alice, "invoices", "read");

        var records = h.Audit.OfType("rbac.allowed");
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal(AuditOutcome.Success, r.Outcome));
        Assert.Equal("reader", records[0].Data!["role"]);
    }

    [Fact]
    public async Task CheckAsync_AllowAuditSampled_AuditsEveryNthAllowButEveryDenial()
    {
        await using var h = new RbacHarness(o =>
        {
            o.AllowAudit = AllowAuditPolicy.Sampled;
            o.AllowAuditSampleRate = 0.25;
        });
        await h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        var alice = await h.UserWithRolesAsync("alice", "reader");

        for (var i = 0; i < 12; i++)
        {
            await h.CheckAsync(alice, "invoices", "read");
            await h.CheckAsync(alice, "invoices", "delete");
        }

        Assert.Equal(3, h.Audit.OfType("rbac.allowed").Count);
        Assert.Equal(12, h.Audit.OfType("rbac.denied").Count);
    }

    [Fact]
    public async Task CheckAsync_BadArguments_ThrowTypedErrors()
    {
        var alice = RbacHarness.User("alice");

        await Assert.ThrowsAsync<ArgumentNullException>(async () => await _h.Checker.CheckAsync(null!, "invoices", "read"));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await _h.Checker.CheckAsync(alice, null!, "read"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await _h.Checker.CheckAsync(alice, "", "read"));
        await Assert.ThrowsAsync<ArgumentException>(async () => await _h.Checker.CheckAsync(alice, "invoices", ""));
    }

    [Fact]
    public async Task CheckAsync_UnknownResourceOrHugeName_DeniesWithoutError()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        var alice = await _h.UserWithRolesAsync("alice", "reader");

        var decision = await _h.CheckAsync(alice, new string('x', 100_000), "read");

        Assert.Equal(AccessDecisionReason.NoMatchingPermission, decision.Reason);
    }

    [Fact]
    public async Task CheckAsync_OddNamesAndIds_DenyAndAuditClippedTextInsteadOfThrowing()
    {
        var odd = RbacHarness.User(new string('s', 300), tenantId: "not a tenant id");

        var decision = await _h.CheckAsync(odd, "invoices\n", "re\u0000ad", new ResourceContext { ResourceId = new string('9', 400) });

        Assert.Equal(AccessDecisionReason.NoMatchingPermission, decision.Reason);
        var record = Assert.Single(_h.Audit.OfType("rbac.denied"));
        Assert.Null(record.TenantId);
        Assert.Equal("not a tenant id", record.Data!["principal_tenant"]);
        Assert.Equal("re?ad", record.Data["action"]);
        Assert.Equal(128, record.Actor!.Length);
        Assert.Equal(256, record.Resource!.Length);
        Assert.StartsWith("invoices?/999", record.Resource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_WarmAllowedCheck_CompletesSynchronouslyWithoutAllocating()
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));
        var alice = await _h.UserWithRolesAsync("alice", "reader");
        await _h.CheckAsync(alice, "invoices", "read");
        var (allCompleted, allocated) = CheckWarm(_h.Checker, alice, 1000);

        Assert.True(allCompleted);
        Assert.Equal(0, allocated);
    }

    /// <summary>Runs warm checks synchronously (they must complete synchronously) and counts the bytes they allocate.</summary>
    private static (bool AllCompleted, long Allocated) CheckWarm(IPermissionChecker checker, Principals.SecurityPrincipal principal, int count)
    {
        for (var i = 0; i < 100; i++)
        {
            _ = checker.CheckAsync(principal, "invoices", "read");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var allCompleted = true;
        for (var i = 0; i < count; i++)
        {
            var pending = checker.CheckAsync(principal, "invoices", "read");
            allCompleted &= pending.IsCompletedSuccessfully && pending.Result.IsAllowed;
        }

        return (allCompleted, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
