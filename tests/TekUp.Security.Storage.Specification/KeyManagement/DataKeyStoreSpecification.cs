using System.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement;

namespace TekUp.Security.Storage.Specification.KeyManagement;

/// <summary>Conformance tests every <see cref="IDataKeyStore"/> must pass.</summary>
public abstract class DataKeyStoreSpecification : StoreSpecification
{
    private IDataKeyStore Store => Get<IDataKeyStore>();

    /// <summary>A new key record with random wrapped material, timestamps on the fake clock (whole milliseconds).</summary>
    protected DataKeyRecord NewKey(string tenantId = "acme", DataClass dataClass = DataClass.Personal, DataKeyState state = DataKeyState.Active) => new()
    {
        KeyId = Guid.NewGuid(),
        TenantId = tenantId,
        DataClass = dataClass,
        State = state,
        WrappedKey = state == DataKeyState.Destroyed ? null : RandomNumberGenerator.GetBytes(61),
        KeyEncryptionKeyId = "kek-1",
        CreatedAt = Time.GetUtcNow(),
        ActivatedAt = Time.GetUtcNow(),
    };

    [Fact]
    public async Task CreateAsync_NewKey_CanBeFoundWithEveryField()
    {
        var key = NewKey() with { RevokedAt = Time.GetUtcNow().AddMinutes(1) };

        var created = await Store.CreateAsync(key);
        var found = await Store.FindAsync("acme", key.KeyId);

        Assert.NotNull(found);
        Assert.Equal(1, created.Version);
        Assert.Equal(key.KeyId, found.KeyId);
        Assert.Equal("acme", found.TenantId);
        Assert.Equal(DataClass.Personal, found.DataClass);
        Assert.Equal(DataKeyState.Active, found.State);
        Assert.Equal(key.WrappedKey, found.WrappedKey);
        Assert.Equal("kek-1", found.KeyEncryptionKeyId);
        Assert.Equal(key.CreatedAt, found.CreatedAt);
        Assert.Equal(key.ActivatedAt, found.ActivatedAt);
        Assert.Null(found.RotatedAt);
        Assert.Equal(key.RevokedAt, found.RevokedAt);
        Assert.Null(found.DestroyedAt);
        Assert.Equal(0, found.UseCount);
        Assert.Equal(1, found.Version);
    }

    [Fact]
    public async Task FindAsync_KeyOfAnotherTenant_ReturnsNull()
    {
        var key = await Store.CreateAsync(NewKey("tenant-a"));

        Assert.Null(await Store.FindAsync("tenant-b", key.KeyId));
        Assert.Null(await Store.FindAsync("tenant-a", Guid.NewGuid()));
    }

    [Fact]
    public async Task FindActiveAsync_OnlyReturnsTheActiveKeyOfTenantAndClass()
    {
        await Store.CreateAsync(NewKey(state: DataKeyState.Rotated));
        var active = await Store.CreateAsync(NewKey());
        await Store.CreateAsync(NewKey(dataClass: DataClass.Financial, state: DataKeyState.Revoked));

        Assert.Equal(active.KeyId, (await Store.FindActiveAsync("acme", DataClass.Personal))?.KeyId);
        Assert.Null(await Store.FindActiveAsync("acme", DataClass.Financial));
        Assert.Null(await Store.FindActiveAsync("other", DataClass.Personal));
    }

    [Fact]
    public async Task CreateAsync_DuplicateKeyId_ThrowsDuplicateRecord()
    {
        var key = await Store.CreateAsync(NewKey(state: DataKeyState.Rotated));

        await Assert.ThrowsAsync<DuplicateRecordException>(() => Store.CreateAsync(NewKey(state: DataKeyState.Rotated) with { KeyId = key.KeyId }));
    }

    [Fact]
    public async Task CreateAsync_SecondActiveKeyOfTenantAndClass_ThrowsDuplicateRecordAndKeepsFirst()
    {
        var first = await Store.CreateAsync(NewKey());

        await Assert.ThrowsAsync<DuplicateRecordException>(() => Store.CreateAsync(NewKey()));

        Assert.Equal(first.KeyId, (await Store.FindActiveAsync("acme", DataClass.Personal))?.KeyId);
    }

    [Fact]
    public async Task CreateAsync_ActiveKeysOfOtherClassesAndTenants_AreIndependent()
    {
        await Store.CreateAsync(NewKey());
        await Store.CreateAsync(NewKey(dataClass: DataClass.Health));
        await Store.CreateAsync(NewKey("other"));

        Assert.NotNull(await Store.FindActiveAsync("acme", DataClass.Health));
        Assert.NotNull(await Store.FindActiveAsync("other", DataClass.Personal));
    }

    [Theory]
    [InlineData(DataKeyState.Active, false)]
    [InlineData(DataKeyState.Destroyed, true)]
    public async Task CreateAsync_MaterialNotMatchingState_ThrowsArgument(DataKeyState state, bool withMaterial)
    {
        var key = NewKey(state: state) with { WrappedKey = withMaterial ? [1, 2, 3] : null };

        await Assert.ThrowsAsync<ArgumentException>(() => Store.CreateAsync(key));
    }

    [Fact]
    public async Task CreateAsync_ParallelFirstKeysFromTwoInstances_ExactlyOneIsActive()
    {
        var stores = new[] { Store, CreateInstance().GetRequiredService<IDataKeyStore>() };
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                return await stores[i % 2].CreateAsync(NewKey());
            }
            catch (DuplicateRecordException)
            {
                return null;
            }
        })).ToArray();

        start.Set();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r is not null);
        Assert.Equal(winner!.KeyId, (await stores[1].FindActiveAsync("acme", DataClass.Personal))?.KeyId);
        Assert.Single(await ListAsync("acme"));
    }

    [Fact]
    public async Task RotateAsync_CurrentVersion_ReplacesTheActiveKeyAtomically()
    {
        var current = await Store.CreateAsync(NewKey());
        Time.Advance(TimeSpan.FromDays(1));
        var replacement = NewKey();

        var created = await Store.RotateAsync(current with { State = DataKeyState.Rotated, RotatedAt = Time.GetUtcNow() }, replacement);

        Assert.Equal(1, created.Version);
        Assert.Equal(replacement.KeyId, (await Store.FindActiveAsync("acme", DataClass.Personal))?.KeyId);
        var old = await Store.FindAsync("acme", current.KeyId);
        Assert.Equal(DataKeyState.Rotated, old!.State);
        Assert.Equal(Time.GetUtcNow(), old.RotatedAt);
        Assert.Equal(2, old.Version);
        Assert.Equal(current.WrappedKey, old.WrappedKey);
    }

    [Fact]
    public async Task RotateAsync_StaleVersion_ThrowsConcurrencyAndChangesNothing()
    {
        var current = await Store.CreateAsync(NewKey());
        await Store.RotateAsync(current with { State = DataKeyState.Rotated, RotatedAt = Time.GetUtcNow() }, NewKey() with { KeyId = Guid.NewGuid() });
        var active = await Store.FindActiveAsync("acme", DataClass.Personal);
        var late = NewKey();

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.RotateAsync(current with { State = DataKeyState.Rotated, RotatedAt = Time.GetUtcNow() }, late));

        Assert.Equal(active!.KeyId, (await Store.FindActiveAsync("acme", DataClass.Personal))?.KeyId);
        Assert.Null(await Store.FindAsync("acme", late.KeyId));
        Assert.Equal(2, (await ListAsync("acme")).Count);
    }

    [Fact]
    public async Task RotateAsync_ParallelFromTwoInstances_OneWinsAndOneKeyIsActive()
    {
        var stores = new[] { Store, CreateInstance().GetRequiredService<IDataKeyStore>() };
        var current = await Store.CreateAsync(NewKey());
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                return await stores[i % 2].RotateAsync(current with { State = DataKeyState.Rotated, RotatedAt = Time.GetUtcNow() }, NewKey());
            }
            catch (ConcurrencyException)
            {
                return null;
            }
        })).ToArray();

        start.Set();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r is not null);
        var keys = await ListAsync("acme");
        Assert.Equal(2, keys.Count);
        Assert.Equal(winner!.KeyId, Assert.Single(keys, k => k.State == DataKeyState.Active).KeyId);
    }

    [Fact]
    public async Task RotateAsync_ReplacementOfAnotherTenant_ThrowsArgument()
    {
        var current = await Store.CreateAsync(NewKey());

        await Assert.ThrowsAsync<ArgumentException>(() => Store.RotateAsync(current with { State = DataKeyState.Rotated }, NewKey("other")));
    }

    [Fact]
    public async Task UpdateAsync_CurrentVersion_WritesStateAndIncrementsVersion()
    {
        var key = await Store.CreateAsync(NewKey());

        var updated = await Store.UpdateAsync(key with { State = DataKeyState.Revoked, RevokedAt = Time.GetUtcNow() });

        Assert.Equal(2, updated.Version);
        var found = await Store.FindAsync("acme", key.KeyId);
        Assert.Equal(DataKeyState.Revoked, found!.State);
        Assert.Equal(Time.GetUtcNow(), found.RevokedAt);
        Assert.Null(await Store.FindActiveAsync("acme", DataClass.Personal));
    }

    [Fact]
    public async Task UpdateAsync_StaleVersion_ThrowsConcurrencyAndKeepsNewerValue()
    {
        var key = await Store.CreateAsync(NewKey());
        var rewrapped = await Store.UpdateAsync(key with { WrappedKey = RandomNumberGenerator.GetBytes(61), KeyEncryptionKeyId = "kek-2" });

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(key with { State = DataKeyState.Revoked, RevokedAt = Time.GetUtcNow() }));

        var found = await Store.FindAsync("acme", key.KeyId);
        Assert.Equal(DataKeyState.Active, found!.State);
        Assert.Equal("kek-2", found.KeyEncryptionKeyId);
        Assert.Equal(rewrapped.WrappedKey, found.WrappedKey);
    }

    [Fact]
    public async Task UpdateAsync_KeyOfAnotherTenantOrMissing_ThrowsConcurrency()
    {
        var key = await Store.CreateAsync(NewKey());

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(key with { TenantId = "other" }));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(NewKey() with { Version = 1 }));
    }

    [Fact]
    public async Task UpdateAsync_StateMovingBackwards_ThrowsConcurrency()
    {
        var key = await Store.CreateAsync(NewKey());
        var revoked = await Store.UpdateAsync(key with { State = DataKeyState.Revoked, RevokedAt = Time.GetUtcNow() });

        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(revoked with { State = DataKeyState.Active }));

        Assert.Equal(DataKeyState.Revoked, (await Store.FindAsync("acme", key.KeyId))!.State);
    }

    [Fact]
    public async Task UpdateAsync_Destroyed_ErasesMaterialForGood()
    {
        var key = await Store.CreateAsync(NewKey());

        var destroyed = await Store.UpdateAsync(key with { State = DataKeyState.Destroyed, WrappedKey = null, DestroyedAt = Time.GetUtcNow() });

        var found = await CreateInstance().GetRequiredService<IDataKeyStore>().FindAsync("acme", key.KeyId);
        Assert.Equal(DataKeyState.Destroyed, found!.State);
        Assert.Null(found.WrappedKey);
        Assert.Equal(Time.GetUtcNow(), found.DestroyedAt);
        Assert.All(await ListAsync("acme"), k => Assert.Null(k.WrappedKey));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(destroyed with { State = DataKeyState.Destroyed }));
        await Assert.ThrowsAsync<ConcurrencyException>(() => Store.UpdateAsync(destroyed with { State = DataKeyState.Revoked, WrappedKey = key.WrappedKey, DestroyedAt = null }));
        Assert.Null((await Store.FindAsync("acme", key.KeyId))!.WrappedKey);
    }

    [Fact]
    public async Task UpdateAsync_DestroyedWithMaterial_ThrowsArgumentAndKeepsKey()
    {
        var key = await Store.CreateAsync(NewKey());

        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpdateAsync(key with { State = DataKeyState.Destroyed, DestroyedAt = Time.GetUtcNow() }));

        Assert.Equal(DataKeyState.Active, (await Store.FindAsync("acme", key.KeyId))!.State);
    }

    [Fact]
    public async Task UpdateAsync_DoesNotOverwriteTheUseCount()
    {
        var key = await Store.CreateAsync(NewKey());
        await Store.AddUsageAsync("acme", key.KeyId, 42);

        var updated = await Store.UpdateAsync(key with { UseCount = 0, KeyEncryptionKeyId = "kek-2" });

        Assert.Equal(42, updated.UseCount);
        Assert.Equal(42, (await Store.FindAsync("acme", key.KeyId))!.UseCount);
    }

    [Fact]
    public async Task AddUsageAsync_ParallelCallersFromTwoInstances_AddUpWithoutChangingVersion()
    {
        var stores = new[] { Store, CreateInstance().GetRequiredService<IDataKeyStore>() };
        var key = await Store.CreateAsync(NewKey());

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () => await stores[i % 2].AddUsageAsync("acme", key.KeyId, 5))));

        var found = await Store.FindAsync("acme", key.KeyId);
        Assert.Equal(100, found!.UseCount);
        Assert.Equal(1, found.Version);
        Assert.Equal(103, await Store.AddUsageAsync("acme", key.KeyId, 3));
    }

    [Fact]
    public async Task AddUsageAsync_UnknownKeyOrAnotherTenant_ReturnsMinusOne()
    {
        var key = await Store.CreateAsync(NewKey());

        Assert.Equal(-1, await Store.AddUsageAsync("other", key.KeyId, 1));
        Assert.Equal(-1, await Store.AddUsageAsync("acme", Guid.NewGuid(), 1));
        Assert.Equal(0, (await Store.FindAsync("acme", key.KeyId))!.UseCount);
    }

    [Fact]
    public async Task ListAsync_OnlyTheTenantsKeys_OrderedByClassAndCreation()
    {
        var financial = await Store.CreateAsync(NewKey(dataClass: DataClass.Financial));
        var personalOld = await Store.CreateAsync(NewKey(state: DataKeyState.Rotated));
        Time.Advance(TimeSpan.FromSeconds(1));
        var personalNew = await Store.CreateAsync(NewKey());
        await Store.CreateAsync(NewKey("other"));

        var keys = await ListAsync("acme");

        Assert.Equal([personalOld.KeyId, personalNew.KeyId, financial.KeyId], keys.Select(k => k.KeyId));
    }

    [Fact]
    public async Task ListAllAsync_ListsEveryTenantOrderedByTenant()
    {
        await Store.CreateAsync(NewKey("b-tenant"));
        await Store.CreateAsync(NewKey("a-tenant"));

        var tenants = new List<string>();
        await foreach (var key in Store.ListAllAsync())
        {
            tenants.Add(key.TenantId);
        }

        Assert.Equal(["a-tenant", "b-tenant"], tenants);
    }

    [Fact]
    public async Task FindAsync_ReturnedMaterial_IsACopyOfTheStoredMaterial()
    {
        var key = await Store.CreateAsync(NewKey());
        var expected = (byte[])key.WrappedKey!.Clone();

        var found = await Store.FindAsync("acme", key.KeyId);
        found!.WrappedKey![0] ^= 0xFF;
        key.WrappedKey[1] ^= 0xFF;

        Assert.Equal(expected, (await Store.FindAsync("acme", key.KeyId))!.WrappedKey);
    }

    /// <summary>Lists a tenant's keys into a list.</summary>
    protected async Task<List<DataKeyRecord>> ListAsync(string tenantId)
    {
        var keys = new List<DataKeyRecord>();
        await foreach (var key in Store.ListAsync(tenantId))
        {
            keys.Add(key);
        }

        return keys;
    }
}
