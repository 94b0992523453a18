using TekUp.Security.Rbac;

namespace TekUp.Security.Storage.Specification.Rbac;

/// <summary>Conformance tests every <see cref="IRoleStore"/> must pass.</summary>
public abstract class RoleStoreSpecification : StoreSpecification
{
    private const string Tenant = RbacStoreData.Tenant;

    private IRoleStore Store => Get<IRoleStore>();

    private IRoleAssignmentStore Assignments => Get<IRoleAssignmentStore>();

    private Role NewRole(string id = "accountant", string tenantId = Tenant, params string[] parents) =>
        RbacStoreData.NewRole(Time.GetUtcNow(), id, tenantId, parents);

    [Fact]
    public async Task GetEpochAsync_TenantWithoutRoles_IsZero()
    {
        Assert.Equal(0, await Store.GetEpochAsync(Tenant));
        Assert.Equal(new TenantRoles(0, []).Epoch, (await Store.ListAsync(Tenant)).Epoch);
        Assert.Empty((await Store.ListAsync(Tenant)).Roles);
    }

    [Fact]
    public async Task CreateAsync_NewRole_RoundTripsEveryFieldAndConditionKind()
    {
        await Store.CreateAsync(NewRole("reader"), 0);
        var role = NewRole(parents: "reader");

        var created = await Store.CreateAsync(role, 1);
        var found = await Store.FindAsync(Tenant, "accountant");

        Assert.Equal(1, created.Version);
        Assert.NotNull(found);
        Assert.Equal(role with { Version = 1 }, found);
        var conditions = found.Permissions[1].Conditions;
        Assert.Equal([ConditionKind.Owner, ConditionKind.SameTenant, ConditionKind.TimeWindow, ConditionKind.ClientIpRange], conditions.Select(c => c.Kind));
        var window = Assert.IsType<TimeWindowCondition>(conditions[2]);
        Assert.Equal(new TimeOnly(17, 30, 15), window.End);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Friday], window.Days);
        Assert.Equal(PermissionEffect.Deny, found.Permissions[2].Effect);
        Assert.True(found.HasWildcardGrant);
    }

    [Fact]
    public async Task CreateAsync_RoleWithoutDescriptionOrPermissions_RoundTrips()
    {
        var role = NewRole() with { Description = null, Permissions = [], ParentRoleIds = [] };

        await Store.CreateAsync(role, 0);

        Assert.Equal(role with { Version = 1 }, await Store.FindAsync(Tenant, role.Id));
    }

    [Fact]
    public async Task CreateAsync_IncrementsTheTenantsEpochOnly()
    {
        await Store.CreateAsync(NewRole(), 0);
        await Store.CreateAsync(NewRole("clerk"), 1);

        Assert.Equal(2, await Store.GetEpochAsync(Tenant));
        Assert.Equal(0, await Store.GetEpochAsync("globex"));
    }

    [Fact]
    public async Task CreateAsync_StaleEpoch_ThrowsConcurrencyAndWritesNothing()
    {
        await Store.CreateAsync(NewRole(), 0);

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.CreateAsync(NewRole("clerk"), 0));

        Assert.Null(await Store.FindAsync(Tenant, "clerk"));
        Assert.Equal(1, await Store.GetEpochAsync(Tenant));
    }

    [Fact]
    public async Task CreateAsync_DuplicateId_ThrowsDuplicateRecordAndLeavesTheEpoch()
    {
        await Store.CreateAsync(NewRole(), 0);

        await Assert.ThrowsAsync<DuplicateRecordException>(() => Store.CreateAsync(NewRole() with { Name = "Other" }, 1));

        Assert.Equal(1, await Store.GetEpochAsync(Tenant));
        Assert.Equal("Accountant", (await Store.FindAsync(Tenant, "accountant"))!.Name);
    }

    [Fact]
    public async Task CreateAsync_SameIdInAnotherTenant_IsASeparateRole()
    {
        await Store.CreateAsync(NewRole(), 0);
        await Store.CreateAsync(NewRole(tenantId: "globex") with { Name = "Globex accountant" }, 0);

        Assert.Equal("Accountant", (await Store.FindAsync(Tenant, "accountant"))!.Name);
        Assert.Equal("Globex accountant", (await Store.FindAsync("globex", "accountant"))!.Name);
    }

    [Fact]
    public async Task UpdateAsync_CurrentVersionAndEpoch_StoresNextVersion()
    {
        var created = await Store.CreateAsync(NewRole(), 0);
        Time.Advance(TimeSpan.FromMinutes(1));

        var updated = await Store.UpdateAsync(created with { Name = "Chief accountant", Permissions = [Permission.Allow("ledger", "*")], UpdatedAt = Time.GetUtcNow() }, 1);

        Assert.Equal(2, updated.Version);
        Assert.Equal(updated, await Store.FindAsync(Tenant, "accountant"));
        Assert.Equal(2, await Store.GetEpochAsync(Tenant));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ThrowsConcurrencyAndKeepsTheNewerRole()
    {
        var created = await Store.CreateAsync(NewRole(), 0);
        await Store.UpdateAsync(created with { Name = "First writer" }, 1);

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(created with { Name = "Second writer" }, 2));

        Assert.Equal("First writer", (await Store.FindAsync(Tenant, "accountant"))!.Name);
        Assert.Equal(2, await Store.GetEpochAsync(Tenant));
    }

    [Fact]
    public async Task UpdateAsync_StaleEpoch_ThrowsConcurrency()
    {
        var created = await Store.CreateAsync(NewRole(), 0);
        await Store.CreateAsync(NewRole("clerk"), 1);

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(created with { Name = "Changed" }, 1));

        Assert.Equal("Accountant", (await Store.FindAsync(Tenant, "accountant"))!.Name);
    }

    [Fact]
    public async Task UpdateAsync_MissingRole_ThrowsConcurrency()
    {
        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(NewRole() with { Version = 1 }, 0));
    }

    [Fact]
    public async Task DeleteAsync_CurrentVersion_RemovesTheRoleAndItsAssignmentsOnly()
    {
        var created = await Store.CreateAsync(NewRole(), 0);
        await Store.CreateAsync(NewRole("clerk"), 1);
        await Assignments.AddAsync(new RoleAssignment { TenantId = Tenant, SubjectId = "alice", RoleId = "accountant", AssignedAt = Time.GetUtcNow() }, 2);
        await Assignments.AddAsync(new RoleAssignment { TenantId = Tenant, SubjectId = "alice", RoleId = "clerk", AssignedAt = Time.GetUtcNow() }, 3);

        await Store.DeleteAsync(Tenant, "accountant", created.Version, 4);

        Assert.Null(await Store.FindAsync(Tenant, "accountant"));
        Assert.Equal(["clerk"], (await Assignments.ListForSubjectAsync(Tenant, "alice")).Select(a => a.RoleId));
        Assert.Equal(5, await Store.GetEpochAsync(Tenant));
    }

    [Fact]
    public async Task DeleteAsync_StaleVersionOrEpoch_ThrowsConcurrencyAndKeepsTheRole()
    {
        var created = await Store.CreateAsync(NewRole(), 0);
        await Store.UpdateAsync(created with { Name = "Changed" }, 1);

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.DeleteAsync(Tenant, "accountant", created.Version, 2));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.DeleteAsync(Tenant, "accountant", 2, 1));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.DeleteAsync(Tenant, "ghost", 1, 2));

        Assert.NotNull(await Store.FindAsync(Tenant, "accountant"));
    }

    [Fact]
    public async Task ListAsync_ReturnsTheTenantsRolesOrderedByIdWithTheirEpoch()
    {
        await Store.CreateAsync(NewRole("b-role"), 0);
        await Store.CreateAsync(NewRole("a-role"), 1);
        await Store.CreateAsync(NewRole("c-role", tenantId: "globex"), 0);

        var listed = await Store.ListAsync(Tenant);

        Assert.Equal(2, listed.Epoch);
        Assert.Equal(["a-role", "b-role"], listed.Roles.Select(r => r.Id));
    }

    [Fact]
    public async Task FindAsync_UnknownRoleOrOtherTenant_ReturnsNull()
    {
        await Store.CreateAsync(NewRole(), 0);

        Assert.Null(await Store.FindAsync(Tenant, "ghost"));
        Assert.Null(await Store.FindAsync("globex", "accountant"));
    }

    [Fact]
    public async Task CreateAsync_ConcurrentWritersWithTheSameEpoch_ExactlyOneSucceeds()
    {
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await Store.CreateAsync(NewRole($"role-{i}"), 0);
                return true;
            }
            catch (ConcurrencyException)
            {
                return false;
            }
        }));

        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(ok => ok));
        Assert.Equal(1, await Store.GetEpochAsync(Tenant));
        Assert.Single((await Store.ListAsync(Tenant)).Roles);
    }
}
