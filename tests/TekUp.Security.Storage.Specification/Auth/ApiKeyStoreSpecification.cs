using System.Security.Cryptography;
using TekUp.Security.Auth.ApiKeys;

namespace TekUp.Security.Storage.Specification.Auth;

/// <summary>Conformance tests every <see cref="IApiKeyStore"/> must pass.</summary>
public abstract class ApiKeyStoreSpecification : StoreSpecification
{
    private IApiKeyStore Store => Get<IApiKeyStore>();

    private ApiKeyRecord NewKey(string id = "k1", string tenantId = "acme", byte[]? hash = null) => new()
    {
        Id = id,
        TenantId = tenantId,
        Name = "billing-sync",
        Scopes = ["invoices:read", "invoices:write"],
        Hash = hash ?? RandomNumberGenerator.GetBytes(32),
        CreatedAt = Time.GetUtcNow(),
        ExpiresAt = Time.GetUtcNow().AddDays(30),
    };

    [Fact]
    public async Task CreateAsync_NewKey_CanBeFoundByHashAndIdWithEveryField()
    {
        var key = NewKey();
        var created = await Store.CreateAsync(key);

        var byHash = await Store.FindByHashAsync(key.Hash.ToArray());
        var byId = await Store.FindAsync("acme", "k1");

        Assert.Equal(1, created.Version);
        foreach (var found in new[] { byHash, byId })
        {
            Assert.NotNull(found);
            Assert.Equal("k1", found.Id);
            Assert.Equal("acme", found.TenantId);
            Assert.Equal("billing-sync", found.Name);
            Assert.Equal(["invoices:read", "invoices:write"], found.Scopes);
            Assert.Equal(key.Hash.ToArray(), found.Hash.ToArray());
            Assert.Equal(key.HashPrefix, found.HashPrefix);
            Assert.Equal(key.CreatedAt, found.CreatedAt);
            Assert.Equal(key.ExpiresAt, found.ExpiresAt);
            Assert.Null(found.LastUsedAt);
            Assert.Null(found.RevokedAt);
            Assert.Equal(1, found.Version);
        }
    }

    [Fact]
    public async Task FindByHashAsync_UnknownHash_ReturnsNull()
    {
        await Store.CreateAsync(NewKey());

        Assert.Null(await Store.FindByHashAsync(RandomNumberGenerator.GetBytes(32)));
    }

    [Fact]
    public async Task FindAsync_OtherTenantsKey_ReturnsNull()
    {
        await Store.CreateAsync(NewKey());

        Assert.Null(await Store.FindAsync("other", "k1"));
    }

    [Fact]
    public async Task CreateAsync_DuplicateId_ThrowsDuplicateRecord()
    {
        await Store.CreateAsync(NewKey());

        await Assert.ThrowsAsync<DuplicateRecordException>(() => Store.CreateAsync(NewKey()));
    }

    [Fact]
    public async Task CreateAsync_DuplicateHash_ThrowsDuplicateRecord()
    {
        var hash = RandomNumberGenerator.GetBytes(32);
        await Store.CreateAsync(NewKey("k1", hash: hash));

        await Assert.ThrowsAsync<DuplicateRecordException>(() => Store.CreateAsync(NewKey("k2", hash: hash)));
        Assert.Null(await Store.FindAsync("acme", "k2"));
    }

    [Fact]
    public async Task UpdateAsync_CurrentVersion_ChangesMutableFieldsOnly()
    {
        var created = await Store.CreateAsync(NewKey());
        var revokedAt = Time.GetUtcNow().AddMinutes(1);

        var updated = await Store.UpdateAsync(created with
        {
            RevokedAt = revokedAt,
            RevocationReason = "leaked",
            ReplacedById = "k2",
            Hash = RandomNumberGenerator.GetBytes(32),
        });

        Assert.Equal(2, updated.Version);
        var found = await Store.FindAsync("acme", "k1");
        Assert.Equal(revokedAt, found!.RevokedAt);
        Assert.Equal("leaked", found.RevocationReason);
        Assert.Equal("k2", found.ReplacedById);
        Assert.Equal(created.Hash.ToArray(), found.Hash.ToArray());
        Assert.NotNull(await Store.FindByHashAsync(created.Hash.ToArray()));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ThrowsConcurrencyAndKeepsNewerValue()
    {
        var created = await Store.CreateAsync(NewKey());
        await Store.UpdateAsync(created with { Name = "first" });

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(created with { Name = "second" }));

        Assert.Equal("first", (await Store.FindAsync("acme", "k1"))!.Name);
    }

    [Fact]
    public async Task UpdateAsync_MissingKey_ThrowsConcurrency()
    {
        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(NewKey() with { Version = 1 }));
    }

    [Fact]
    public async Task ListAsync_ReturnsOnlyTheTenantsKeysInCreationOrder()
    {
        await Store.CreateAsync(NewKey("k1"));
        Time.Advance(TimeSpan.FromSeconds(1));
        await Store.CreateAsync(NewKey("k0"));
        await Store.CreateAsync(NewKey("x1", tenantId: "other"));

        var ids = new List<string>();
        await foreach (var key in Store.ListAsync("acme"))
        {
            ids.Add(key.Id);
        }

        Assert.Equal(["k1", "k0"], ids);
    }

    [Fact]
    public async Task RecordUsageAsync_Batch_KeepsTheLaterTimeAndSkipsUnknownKeys()
    {
        var created = await Store.CreateAsync(NewKey("k1"));
        await Store.CreateAsync(NewKey("k2"));
        var later = Time.GetUtcNow().AddMinutes(5);
        var earlier = Time.GetUtcNow().AddMinutes(1);

        await Store.RecordUsageAsync([new("acme", "k1", later), new("acme", "k2", earlier), new("acme", "ghost", later), new("other", "k2", later)]);
        await Store.RecordUsageAsync([new("acme", "k1", earlier)]);

        var k1 = await Store.FindAsync("acme", "k1");
        var k2 = await Store.FindAsync("acme", "k2");
        Assert.Equal(later, k1!.LastUsedAt);
        Assert.Equal(earlier, k2!.LastUsedAt);
        Assert.Equal(created.Version, k1.Version);
    }

    [Fact]
    public async Task CreateAsync_FromSecondInstance_IsVisibleToFirst()
    {
        var second = CreateInstance().GetRequiredService<IApiKeyStore>();
        var key = NewKey();

        await second.CreateAsync(key);

        Assert.NotNull(await Store.FindByHashAsync(key.Hash.ToArray()));
    }
}
