using TekUp.Security.Storage;

namespace TekUp.Security.Rbac.Tests.Roles;

public sealed class RoleManagerTests : IAsyncDisposable
{
    private readonly RbacHarness _h = new();

    public ValueTask DisposeAsync() => _h.DisposeAsync();

    private static Role NewRole(string id = "clerk") => new()
    {
        TenantId = RbacHarness.Tenant,
        Id = id,
        Name = "Clerk",
        Permissions = [Permission.Allow("invoices", "read")],
    };

    public static TheoryData<string, Func<Role, Role>> InvalidRoles => new()
    {
        { "upper-case id", r => r with { Id = "Clerk" } },
        { "empty id", r => r with { Id = "" } },
        { "long id", r => r with { Id = new string('a', 65) } },
        { "bad tenant", r => r with { TenantId = "acme corp" } },
        { "empty name", r => r with { Name = " " } },
        { "control character in name", r => r with { Name = "Clerk\n" } },
        { "long description", r => r with { Description = new string('d', 1001) } },
        { "upper-case resource", r => r with { Permissions = [Permission.Allow("Invoices", "read")] } },
        { "resource with space", r => r with { Permissions = [Permission.Allow("my invoices", "read")] } },
        { "no actions", r => r with { Permissions = [Permission.Allow("invoices")] } },
        { "bad action", r => r with { Permissions = [Permission.Allow("invoices", "re ad")] } },
        { "duplicate action", r => r with { Permissions = [Permission.Allow("invoices", "read", "read")] } },
        { "undefined effect", r => r with { Permissions = [Permission.Allow("invoices", "read") with { Effect = (PermissionEffect)7 }] } },
        { "null permission", r => r with { Permissions = [null!] } },
        { "null condition", r => r with { Permissions = [Permission.Allow("invoices", "read") with { Conditions = [null!] }] } },
        { "too many permissions", r => r with { Permissions = [.. Enumerable.Range(0, 501).Select(i => Permission.Allow($"r{i}", "read"))] } },
        { "too many conditions", r => r with { Permissions = [Permission.Allow("invoices", "read").When([.. Enumerable.Repeat<PermissionCondition>(PermissionCondition.Owner, 9)])] } },
        { "unknown time zone", r => r with { Permissions = [Permission.Allow("invoices", "read").When(PermissionCondition.TimeWindow("Europe/Atlantis", new TimeOnly(8, 0), new TimeOnly(17, 0), DayOfWeek.Monday))] } },
        { "no days", r => r with { Permissions = [Permission.Allow("invoices", "read").When(PermissionCondition.TimeWindow("Europe/Copenhagen", new TimeOnly(8, 0), new TimeOnly(17, 0)))] } },
        { "undefined day", r => r with { Permissions = [Permission.Allow("invoices", "read").When(PermissionCondition.TimeWindow("Europe/Copenhagen", new TimeOnly(8, 0), new TimeOnly(17, 0), (DayOfWeek)9))] } },
        { "empty window", r => r with { Permissions = [Permission.Allow("invoices", "read").When(PermissionCondition.TimeWindow("Europe/Copenhagen", new TimeOnly(8, 0), new TimeOnly(8, 0), DayOfWeek.Monday))] } },
        { "no networks", r => r with { Permissions = [Permission.Allow("invoices", "read").When(PermissionCondition.ClientIpRange())] } },
        { "host bits", r => r with { Permissions = [Permission.Allow("invoices", "read").When(PermissionCondition.ClientIpRange("192.168.1.1/24"))] } },
        { "bad parent id", r => r with { ParentRoleIds = ["Not Valid"] } },
        { "duplicate parent", r => r with { ParentRoleIds = ["reader", "reader"] } },
    };

    [Theory]
    [MemberData(nameof(InvalidRoles))]
    public async Task CreateRoleAsync_InvalidRole_ThrowsArgumentExceptionAndStoresNothing(string problem, Func<Role, Role> spoil)
    {
        await _h.CreateRoleAsync("reader", Permission.Allow("invoices", "read"));

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _h.Roles.CreateRoleAsync(spoil(NewRole())));

        Assert.False(string.IsNullOrEmpty(problem));
        Assert.NotEmpty(ex.Message);
        Assert.Single(await _h.Roles.ListRolesAsync(RbacHarness.Tenant));
    }

    [Fact]
    public async Task CreateRoleAsync_SeveralProblems_ListsThemAll()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() =>
            _h.Roles.CreateRoleAsync(NewRole() with { Name = "", Permissions = [Permission.Allow("Bad Resource", "read")] }));

        Assert.Contains("Name", ex.Message, StringComparison.Ordinal);
        Assert.Contains("resource", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateRoleAsync_ValidRole_StoresVersionOneWithTimestampsAndAudits()
    {
        var created = await _h.Roles.CreateRoleAsync(NewRole() with { Version = 42 }, actorId: "admin-1");

        Assert.Equal(1, created.Version);
        Assert.Equal(_h.Time.GetUtcNow(), created.CreatedAt);
        Assert.Equal(created, await _h.Roles.FindRoleAsync(RbacHarness.Tenant, "clerk"));
        var record = Assert.Single(_h.Audit.OfType("rbac.role.created"));
        Assert.Equal("admin-1", record.Actor);
        Assert.Equal("role:clerk", record.Resource);
        Assert.Equal("allow invoices:read", record.Data!["permissions"]);
    }

    [Fact]
    public async Task CreateRoleAsync_WildcardGrant_IsFlaggedInTheAuditEntry()
    {
        await _h.Roles.CreateRoleAsync(NewRole("root") with { Permissions = [Permission.Allow("*", "*")] });

        Assert.Equal("true", Assert.Single(_h.Audit.OfType("rbac.role.created")).Data!["wildcard_grant"]);
    }

    [Fact]
    public async Task CreateRoleAsync_DuplicateId_ThrowsDuplicateRecord()
    {
        await _h.Roles.CreateRoleAsync(NewRole());

        await Assert.ThrowsAsync<DuplicateRecordException>(() => _h.Roles.CreateRoleAsync(NewRole()));
    }

    [Fact]
    public async Task CreateRoleAsync_UnknownParent_ThrowsArgumentException()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => _h.Roles.CreateRoleAsync(NewRole() with { ParentRoleIds = ["ghost"] }));

        Assert.Contains("ghost", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateRoleAsync_OwnRoleAsParent_ThrowsCycle()
    {
        var ex = await Assert.ThrowsAsync<RoleInheritanceCycleException>(() => _h.Roles.CreateRoleAsync(NewRole() with { ParentRoleIds = ["clerk"] }));

        Assert.Equal(["clerk", "clerk"], ex.Cycle);
    }

    [Fact]
    public async Task UpdateRoleAsync_ParentThatInheritsFromTheRole_ThrowsCycleAndKeepsTheOldRole()
    {
        var a = await _h.CreateRoleAsync("a", Permission.Allow("x", "read"));
        await _h.CreateRoleAsync("b", ["a"]);
        await _h.CreateRoleAsync("c", ["b"]);

        var ex = await Assert.ThrowsAsync<RoleInheritanceCycleException>(() => _h.Roles.UpdateRoleAsync(a with { ParentRoleIds = ["c"] }));

        Assert.Equal(["a", "c", "b", "a"], ex.Cycle);
        Assert.Empty((await _h.Roles.FindRoleAsync(RbacHarness.Tenant, "a"))!.ParentRoleIds);
    }

    [Fact]
    public async Task UpdateRoleAsync_TwoRoleCycle_IsRefused()
    {
        var a = await _h.CreateRoleAsync("a");
        await _h.CreateRoleAsync("b", ["a"]);

        await Assert.ThrowsAsync<RoleInheritanceCycleException>(() => _h.Roles.UpdateRoleAsync(a with { ParentRoleIds = ["b"] }));
    }

    [Fact]
    public async Task UpdateRoleAsync_DiamondWithoutCycle_IsAccepted()
    {
        await _h.CreateRoleAsync("base");
        await _h.CreateRoleAsync("left", ["base"]);
        await _h.CreateRoleAsync("right", ["base"]);

        var top = await _h.CreateRoleAsync("top", ["left", "right"]);

        Assert.Equal(["left", "right"], top.ParentRoleIds);
    }

    [Fact]
    public async Task UpdateRoleAsync_CurrentVersion_StoresNextVersionKeepingCreatedAt()
    {
        var created = await _h.Roles.CreateRoleAsync(NewRole());
        _h.Time.Advance(TimeSpan.FromHours(1));

        var updated = await _h.Roles.UpdateRoleAsync(created with { Name = "Senior clerk" });

        Assert.Equal(2, updated.Version);
        Assert.Equal(created.CreatedAt, updated.CreatedAt);
        Assert.Equal(_h.Time.GetUtcNow(), updated.UpdatedAt);
        Assert.Single(_h.Audit.OfType("rbac.role.updated"));
    }

    [Fact]
    public async Task UpdateRoleAsync_StaleVersion_ThrowsConcurrencyAndKeepsNewerRole()
    {
        var created = await _h.Roles.CreateRoleAsync(NewRole());
        await _h.Roles.UpdateRoleAsync(created with { Name = "First" });

        await Assert.ThrowsAsync<ConcurrencyException>(() => _h.Roles.UpdateRoleAsync(created with { Name = "Second" }));

        Assert.Equal("First", (await _h.Roles.FindRoleAsync(RbacHarness.Tenant, "clerk"))!.Name);
    }

    [Fact]
    public async Task UpdateRoleAsync_MissingRole_ThrowsConcurrency()
    {
        await Assert.ThrowsAsync<ConcurrencyException>(() => _h.Roles.UpdateRoleAsync(NewRole() with { Version = 1 }));
    }

    [Fact]
    public async Task DeleteRoleAsync_RoleWithChildren_ThrowsRoleInUse()
    {
        var reader = await _h.CreateRoleAsync("reader");
        await _h.CreateRoleAsync("clerk", ["reader"]);

        var ex = await Assert.ThrowsAsync<RoleInUseException>(() => _h.Roles.DeleteRoleAsync(RbacHarness.Tenant, "reader", reader.Version));

        Assert.Equal(["clerk"], ex.ChildRoleIds);
    }

    [Fact]
    public async Task DeleteRoleAsync_AssignedRole_RemovesItsAssignmentsAndAudits()
    {
        var temp = await _h.CreateRoleAsync("temp");
        await _h.CreateRoleAsync("keep");
        await _h.UserWithRolesAsync("alice", "temp", "keep");

        await _h.Roles.DeleteRoleAsync(RbacHarness.Tenant, "temp", temp.Version, actorId: "admin-1");

        Assert.Null(await _h.Roles.FindRoleAsync(RbacHarness.Tenant, "temp"));
        Assert.Equal(["keep"], (await _h.Roles.ListAssignmentsAsync(RbacHarness.Tenant, "alice")).Select(a => a.RoleId));
        Assert.Equal("admin-1", Assert.Single(_h.Audit.OfType("rbac.role.deleted")).Actor);
    }

    [Fact]
    public async Task DeleteRoleAsync_StaleVersion_ThrowsConcurrency()
    {
        var role = await _h.CreateRoleAsync("temp");
        await _h.Roles.UpdateRoleAsync(role with { Name = "Changed" });

        await Assert.ThrowsAsync<ConcurrencyException>(() => _h.Roles.DeleteRoleAsync(RbacHarness.Tenant, "temp", role.Version));
    }

    [Fact]
    public async Task AssignRoleAsync_UnknownRole_ThrowsKeyNotFound()
    {
        await Assert.ThrowsAsync<KeyNotFoundException>(() => _h.Roles.AssignRoleAsync(RbacHarness.Tenant, "alice", "ghost"));
    }

    [Fact]
    public async Task AssignRoleAsync_Twice_ReturnsFalseTheSecondTimeAndAuditsOnce()
    {
        await _h.CreateRoleAsync("reader");

        Assert.True(await _h.Roles.AssignRoleAsync(RbacHarness.Tenant, "alice", "reader", actorId: "admin-1"));
        Assert.False(await _h.Roles.AssignRoleAsync(RbacHarness.Tenant, "alice", "reader"));

        var record = Assert.Single(_h.Audit.OfType("rbac.role.assigned"));
        Assert.Equal("alice", record.Subject);
        Assert.Equal("admin-1", record.Actor);
        var assignment = Assert.Single(await _h.Roles.ListAssignmentsAsync(RbacHarness.Tenant));
        Assert.Equal(_h.Time.GetUtcNow(), assignment.AssignedAt);
    }

    [Fact]
    public async Task UnassignRoleAsync_NotAssigned_ReturnsFalse()
    {
        await _h.CreateRoleAsync("reader");
        await _h.UserWithRolesAsync("alice", "reader");

        Assert.True(await _h.Roles.UnassignRoleAsync(RbacHarness.Tenant, "alice", "reader"));
        Assert.False(await _h.Roles.UnassignRoleAsync(RbacHarness.Tenant, "alice", "reader"));
        Assert.Single(_h.Audit.OfType("rbac.role.unassigned"));
    }

    [Theory]
    [InlineData("acme corp", "alice", "reader")]
    [InlineData("acme", "", "reader")]
    [InlineData("acme", "al\u0000ice", "reader")]
    [InlineData("acme", "alice", "Reader")]
    public async Task AssignRoleAsync_MalformedIds_ThrowArgumentException(string tenantId, string subjectId, string roleId)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _h.Roles.AssignRoleAsync(tenantId, subjectId, roleId));
    }

    [Fact]
    public async Task FindRoleAsync_MalformedId_ReturnsNull()
    {
        Assert.Null(await _h.Roles.FindRoleAsync(RbacHarness.Tenant, "../etc"));
    }

    [Fact]
    public async Task ListRolesAsync_RolesOfOtherTenants_AreNotListed()
    {
        await _h.CreateRoleAsync("reader");
        await _h.Roles.CreateRoleAsync(NewRole("reader") with { TenantId = "globex" });

        var roles = await _h.Roles.ListRolesAsync("globex");

        Assert.Equal("globex", Assert.Single(roles).TenantId);
    }

    [Fact]
    public async Task CreateRoleAsync_ConcurrentSavesThatWouldFormACycle_AcceptAtMostOne()
    {
        var a = await _h.CreateRoleAsync("a");
        var b = await _h.CreateRoleAsync("b");

        var results = await Task.WhenAll(
            Task.Run(() => Attempt(() => _h.Roles.UpdateRoleAsync(a with { ParentRoleIds = ["b"] }))),
            Task.Run(() => Attempt(() => _h.Roles.UpdateRoleAsync(b with { ParentRoleIds = ["a"] }))));

        Assert.Equal(1, results.Count(ok => ok));
        var roles = await _h.Roles.ListRolesAsync(RbacHarness.Tenant);
        Assert.Equal(1, roles.Count(r => r.ParentRoleIds.Count > 0));

        static async Task<bool> Attempt(Func<Task<Role>> save)
        {
            try
            {
                await save();
                return true;
            }
            catch (RoleInheritanceCycleException)
            {
                return false;
            }
        }
    }
}
