using TekUp.Security.Rbac;

namespace TekUp.Security.Storage.Specification.Rbac;

/// <summary>Conformance tests every <see cref="IRoleAssignmentStore"/> must pass.</summary>
public abstract class RoleAssignmentStoreSpecification : StoreSpecification
{
    private const string Tenant = RbacStoreData.Tenant;

    private IRoleStore Roles => Get<IRoleStore>();

    private IRoleAssignmentStore Store => Get<IRoleAssignmentStore>();

    private RoleAssignment Assignment(string subjectId, string roleId, string tenantId = Tenant) =>
        new() { TenantId = tenantId, SubjectId = subjectId, RoleId = roleId, AssignedAt = Time.GetUtcNow() };

    /// <summary>Creates the roles reader and writer in the tenant; its epoch is then 2.</summary>
    private async Task CreateRolesAsync(string tenantId = Tenant)
    {
        await Roles.CreateAsync(RbacStoreData.NewRole(Time.GetUtcNow(), "reader", tenantId), 0);
        await Roles.CreateAsync(RbacStoreData.NewRole(Time.GetUtcNow(), "writer", tenantId), 1);
    }

    [Fact]
    public async Task AddAsync_NewAssignment_IsListedWithItsTimeAndIncrementsTheEpoch()
    {
        await CreateRolesAsync();

        Assert.True(await Store.AddAsync(Assignment("alice", "reader"), 2));

        var listed = Assert.Single(await Store.ListForSubjectAsync(Tenant, "alice"));
        Assert.Equal(Assignment("alice", "reader"), listed);
        Assert.Equal(3, await Roles.GetEpochAsync(Tenant));
    }

    [Fact]
    public async Task AddAsync_ExistingAssignment_ReturnsFalseAndLeavesTheEpoch()
    {
        await CreateRolesAsync();
        await Store.AddAsync(Assignment("alice", "reader"), 2);

        Assert.False(await Store.AddAsync(Assignment("alice", "reader"), 3));

        Assert.Single(await Store.ListForSubjectAsync(Tenant, "alice"));
        Assert.Equal(3, await Roles.GetEpochAsync(Tenant));
    }

    [Fact]
    public async Task AddAsync_UnknownRole_ThrowsConcurrencyAndWritesNothing()
    {
        await CreateRolesAsync();

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AddAsync(Assignment("alice", "ghost"), 2));

        Assert.Empty(await Store.ListForSubjectAsync(Tenant, "alice"));
        Assert.Equal(2, await Roles.GetEpochAsync(Tenant));
    }

    [Fact]
    public async Task AddAsync_RoleOfAnotherTenant_ThrowsConcurrency()
    {
        await CreateRolesAsync("globex");

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AddAsync(Assignment("alice", "reader"), 0));
    }

    [Fact]
    public async Task AddAsync_StaleEpoch_ThrowsConcurrency()
    {
        await CreateRolesAsync();

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.AddAsync(Assignment("alice", "reader"), 1));

        Assert.Empty(await Store.ListForSubjectAsync(Tenant, "alice"));
    }

    [Fact]
    public async Task RemoveAsync_ExistingAssignment_RemovesItAndIncrementsTheEpoch()
    {
        await CreateRolesAsync();
        await Store.AddAsync(Assignment("alice", "reader"), 2);
        await Store.AddAsync(Assignment("alice", "writer"), 3);

        Assert.True(await Store.RemoveAsync(Tenant, "alice", "reader", 4));

        Assert.Equal(["writer"], (await Store.ListForSubjectAsync(Tenant, "alice")).Select(a => a.RoleId));
        Assert.Equal(5, await Roles.GetEpochAsync(Tenant));
    }

    [Fact]
    public async Task RemoveAsync_MissingAssignment_ReturnsFalseAndLeavesTheEpoch()
    {
        await CreateRolesAsync();

        Assert.False(await Store.RemoveAsync(Tenant, "alice", "reader", 2));

        Assert.Equal(2, await Roles.GetEpochAsync(Tenant));
    }

    [Fact]
    public async Task RemoveAsync_StaleEpoch_ThrowsConcurrencyAndKeepsTheAssignment()
    {
        await CreateRolesAsync();
        await Store.AddAsync(Assignment("alice", "reader"), 2);

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.RemoveAsync(Tenant, "alice", "reader", 2));

        Assert.Single(await Store.ListForSubjectAsync(Tenant, "alice"));
    }

    [Fact]
    public async Task ListAsync_OrdersBySubjectThenRoleAndKeepsTenantsApart()
    {
        await CreateRolesAsync();
        await CreateRolesAsync("globex");
        await Store.AddAsync(Assignment("bob", "writer"), 2);
        await Store.AddAsync(Assignment("alice", "writer"), 3);
        await Store.AddAsync(Assignment("alice", "reader"), 4);
        await Store.AddAsync(Assignment("alice", "reader", "globex"), 2);

        var all = await Store.ListForTenantAsync(Tenant);
        var alice = await Store.ListForSubjectAsync(Tenant, "alice");

        Assert.Equal(["alice:reader", "alice:writer", "bob:writer"], all.Select(a => $"{a.SubjectId}:{a.RoleId}"));
        Assert.Equal(["reader", "writer"], alice.Select(a => a.RoleId));
        Assert.Single(await Store.ListForTenantAsync("globex"));
        Assert.Empty(await Store.ListForSubjectAsync("globex", "bob"));
    }
}
