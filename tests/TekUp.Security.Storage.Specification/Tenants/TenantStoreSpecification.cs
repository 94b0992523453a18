using TekUp.Security.Tenants;

namespace TekUp.Security.Storage.Specification.Tenants;

/// <summary>Conformance tests every <see cref="ITenantStore"/> must pass.</summary>
public abstract class TenantStoreSpecification : StoreSpecification
{
    private ITenantStore Store => Get<ITenantStore>();

    private Tenant NewTenant(string id = "acme") => new()
    {
        Id = id,
        Name = "Acme ApS",
        IpAllowList = ["10.0.0.0/8", "2001:db8::/32"],
        CreatedAt = Time.GetUtcNow(),
        UpdatedAt = Time.GetUtcNow(),
    };

    [Fact]
    public async Task CreateAsync_NewTenant_CanBeFoundWithEveryField()
    {
        var created = await Store.CreateAsync(NewTenant());

        var found = await Store.FindAsync("acme");

        Assert.NotNull(found);
        Assert.Equal(1, created.Version);
        Assert.Equal(created.Id, found.Id);
        Assert.Equal(created.Name, found.Name);
        Assert.Equal(TenantStatus.Active, found.Status);
        Assert.Equal(["10.0.0.0/8", "2001:db8::/32"], found.IpAllowList);
        Assert.Equal(created.CreatedAt, found.CreatedAt);
        Assert.Equal(1, found.Version);
    }

    [Fact]
    public async Task FindAsync_UnknownTenant_ReturnsNull()
    {
        Assert.Null(await Store.FindAsync("nobody"));
    }

    [Fact]
    public async Task CreateAsync_DuplicateId_ThrowsDuplicateRecord()
    {
        await Store.CreateAsync(NewTenant());

        await Assert.ThrowsAsync<DuplicateRecordException>(() => Store.CreateAsync(NewTenant()));
    }

    [Fact]
    public async Task UpdateAsync_CurrentVersion_IncrementsVersion()
    {
        var created = await Store.CreateAsync(NewTenant());

        var updated = await Store.UpdateAsync(created with { Status = TenantStatus.Suspended });

        Assert.Equal(2, updated.Version);
        var found = await Store.FindAsync("acme");
        Assert.Equal(TenantStatus.Suspended, found!.Status);
        Assert.Equal(2, found.Version);
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ThrowsConcurrencyAndKeepsNewerValue()
    {
        var created = await Store.CreateAsync(NewTenant());
        await Store.UpdateAsync(created with { Name = "First writer" });

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(created with { Name = "Second writer" }));

        Assert.Equal("First writer", (await Store.FindAsync("acme"))!.Name);
    }

    [Fact]
    public async Task UpdateAsync_MissingTenant_ThrowsConcurrency()
    {
        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(NewTenant("ghost") with { Version = 1 }));
    }

    [Fact]
    public async Task ListAsync_ReturnsTenantsOrderedById()
    {
        await Store.CreateAsync(NewTenant("b-tenant"));
        await Store.CreateAsync(NewTenant("a-tenant"));

        var ids = new List<string>();
        await foreach (var tenant in Store.ListAsync())
        {
            ids.Add(tenant.Id);
        }

        Assert.Equal(["a-tenant", "b-tenant"], ids);
    }
}
