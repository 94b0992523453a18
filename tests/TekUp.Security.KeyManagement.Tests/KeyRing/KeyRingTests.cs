using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement.Tests.TestSupport;

namespace TekUp.Security.KeyManagement.Tests.KeyRing;

public sealed class KeyRingTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public async Task GetActiveKeyAsync_CacheHits_AreCountedInMetricsAndNotAudited()
    {
        await using var host = TestHost.Create();
        await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, "x"u8.ToArray());
        var auditedAfterFirstUse = host.Audit.Records.Count;

        for (var i = 0; i < 50; i++)
        {
            await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, "x"u8.ToArray());
            await host.Ring.GetActiveKeyAsync("tenant-a", DataClass.Personal);
        }

        Assert.Equal(auditedAfterFirstUse, host.Audit.Records.Count);
        Assert.Equal(100, host.Metrics.Total("tekup.keys.cache.hits"));
        Assert.Equal(1, host.Metrics.Total("tekup.keys.cache.misses"));
        Assert.Equal(1, host.Metrics.Total("tekup.keys.generated"));
    }

    [Fact]
    public async Task GetActiveKeyAsync_FirstUse_GeneratesOneAuditedKey()
    {
        await using var host = TestHost.Create();

        var keys = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await host.Ring.GetActiveKeyAsync("tenant-a", DataClass.Financial))));

        Assert.Single(keys.Select(k => k.KeyId).Distinct());
        var generated = Assert.Single(host.Audit.OfType("key.generated"));
        Assert.Equal("tenant-a", generated.TenantId);
        Assert.Equal($"key:{keys[0].KeyId}", generated.Resource);
        Assert.Equal("financial", generated.Data!["data_class"]);
        Assert.Empty(host.Audit.OfType("key.loaded"));
    }

    [Fact]
    public async Task GetKeyAsync_AfterCacheExpiry_LoadsFromStorageAndAuditsTheLoad()
    {
        await using var host = TestHost.Create();
        var key = await host.Ring.GetActiveKeyAsync("tenant-a", DataClass.Personal);
        host.Time.Advance(TimeSpan.FromMinutes(6));

        var again = await host.Ring.GetKeyAsync("tenant-a", DataClass.Personal, key.KeyId);

        Assert.Equal(key.KeyId, again.KeyId);
        Assert.NotSame(key, again);
        var loaded = Assert.Single(host.Audit.OfType("key.loaded"));
        Assert.Equal($"key:{key.KeyId}", loaded.Resource);
        Assert.Equal(1, host.Metrics.Total("tekup.keys.loads"));
    }

    [Fact]
    public async Task Sweep_ExpiredKey_IsDroppedAndZeroed()
    {
        await using var host = TestHost.Create(configure: o =>
        {
            o.CacheLifetime = TimeSpan.FromMinutes(5);
            o.KeyHandOutGracePeriod = TimeSpan.FromMinutes(1);
        });
        var key = await host.Ring.GetActiveKeyAsync("tenant-a", DataClass.Personal);

        host.Time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromTicks(1));
        await host.DefaultRing.SweepAsync();
        Assert.Equal(1, host.DefaultRing.Count);
        Assert.False(key.IsDisposed);

        host.Time.Advance(TimeSpan.FromTicks(1));
        await host.DefaultRing.SweepAsync();
        Assert.Equal(0, host.DefaultRing.Count);
        Assert.True(key.IsDisposed);
    }

    [Fact]
    public async Task Sweep_RecentlyHandedOutKey_IsNotZeroedWithinTheGracePeriod()
    {
        await using var host = TestHost.Create(configure: o =>
        {
            o.CacheLifetime = TimeSpan.FromMinutes(5);
            o.KeyHandOutGracePeriod = TimeSpan.FromMinutes(2);
        });
        await host.Ring.GetActiveKeyAsync("tenant-a", DataClass.Personal);
        host.Time.Advance(TimeSpan.FromMinutes(4));
        var key = await host.Ring.GetActiveKeyAsync("tenant-a", DataClass.Personal);
        host.Time.Advance(TimeSpan.FromMinutes(1));

        await host.DefaultRing.SweepAsync();
        Assert.Equal(0, host.DefaultRing.Count);
        Assert.False(key.IsDisposed);

        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.DefaultRing.SweepAsync();
        Assert.True(key.IsDisposed);
    }

    [Fact]
    public async Task Eviction_OverCapacity_DropsTheLeastRecentlyUsedAndZeroesIt()
    {
        await using var host = TestHost.Create(configure: o => o.CacheSize = 2);
        var leaseA = await host.Ring.LeaseActiveKeyAsync("tenant-a", DataClass.Personal);
        var keyA = leaseA.Key;
        leaseA.Dispose();
        host.Time.Advance(TimeSpan.FromSeconds(1));
        using (await host.Ring.LeaseActiveKeyAsync("tenant-b", DataClass.Personal))
        {
        }

        host.Time.Advance(TimeSpan.FromSeconds(1));
        using (await host.Ring.LeaseActiveKeyAsync("tenant-c", DataClass.Personal))
        {
        }

        Assert.Equal(2, host.DefaultRing.Count);
        Assert.True(keyA.IsDisposed);
        Assert.Equal(1, host.Metrics.Total("tekup.keys.cache.evictions"));
    }

    [Fact]
    public async Task Eviction_KeyUnderLease_IsZeroedOnlyAfterTheLeaseEnds()
    {
        await using var host = TestHost.Create(configure: o => o.CacheSize = 1);
        var lease = await host.Ring.LeaseActiveKeyAsync("tenant-a", DataClass.Personal);

        using (await host.Ring.LeaseActiveKeyAsync("tenant-b", DataClass.Personal))
        {
        }

        Assert.False(lease.Key.IsDisposed);
        var ciphertext = Envelope.Encrypt(lease.Key, new EncryptionContext("tenant-a", DataClass.Personal), "still usable"u8);
        lease.Dispose();
        lease.Dispose();
        await host.DefaultRing.SweepAsync();

        Assert.True(lease.Key.IsDisposed);
        Assert.Equal("still usable"u8.ToArray(), await host.Encryption.DecryptAsync("tenant-a", DataClass.Personal, ciphertext));
    }

    [Fact]
    public async Task GetKeyAsync_RevokedKey_IsRefusedWithItsState()
    {
        await using var host = TestHost.Create();
        var ciphertext = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, "x"u8.ToArray());
        Envelope.TryReadKeyId(ciphertext, out var keyId);

        await host.Manager.RevokeAsync("tenant-a", keyId);

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(async () => await host.Ring.GetKeyAsync("tenant-a", DataClass.Personal, keyId));
        Assert.Equal(KeyUnavailableReason.Revoked, ex.Reason);
        Assert.Equal(keyId, ex.KeyId);
        await Assert.ThrowsAsync<KeyUnavailableException>(async () => await host.Encryption.DecryptAsync("tenant-a", DataClass.Personal, ciphertext));
    }

    [Fact]
    public async Task GetKeyAsync_RevokedKeyOnAnotherInstance_IsRefusedAndTheRefusalAudited()
    {
        var file = _files.Path("keys.db");
        var masterKey = TestHost.NewMasterKey();
        await using var first = TestHost.Create(sqlite: file, masterKey: masterKey);
        await using var second = TestHost.Create(sqlite: file, masterKey: masterKey);
        var ciphertext = await first.Encryption.EncryptAsync("tenant-a", DataClass.Personal, "x"u8.ToArray());
        Envelope.TryReadKeyId(ciphertext, out var keyId);
        await first.Manager.RevokeAsync("tenant-a", keyId);

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(async () => await second.Encryption.DecryptAsync("tenant-a", DataClass.Personal, ciphertext));
        await Assert.ThrowsAsync<KeyUnavailableException>(async () => await second.Encryption.DecryptAsync("tenant-a", DataClass.Personal, ciphertext));

        Assert.Equal(KeyUnavailableReason.Revoked, ex.Reason);
        var refused = Assert.Single(second.Audit.OfType("key.refused"));
        Assert.Equal("revoked_key", refused.Reason);
        Assert.Equal(TekUp.Security.Auditing.AuditOutcome.Denied, refused.Outcome);
    }

    [Fact]
    public async Task GetActiveKeyAsync_TwoSqliteInstancesRaceTheFirstKey_BothGetTheOneKey()
    {
        var file = _files.Path("race.db");
        var masterKey = TestHost.NewMasterKey();
        await using var first = TestHost.Create(sqlite: file, masterKey: masterKey);
        await using var second = TestHost.Create(sqlite: file, masterKey: masterKey);
        var tenants = Enumerable.Range(0, 12).Select(i => $"tenant-{i}").ToArray();
        using var start = new ManualResetEventSlim();

        var attempts = tenants.SelectMany(tenant => new[] { first, second }.Select(host => Task.Run(async () =>
        {
            start.Wait();
            var key = await host.Ring.GetActiveKeyAsync(tenant, DataClass.Personal);
            return (tenant, key.KeyId);
        }))).ToArray();
        start.Set();
        var results = await Task.WhenAll(attempts);

        foreach (var tenant in tenants)
        {
            Assert.Single(results.Where(r => r.tenant == tenant).Select(r => r.KeyId).Distinct());
            var keys = await first.Manager.ListKeysAsync(tenant);
            Assert.Equal(DataKeyState.Active, Assert.Single(keys).State);
        }

        Assert.Equal(tenants.Length, first.Audit.OfType("key.generated").Count + second.Audit.OfType("key.generated").Count);
    }

    [Fact]
    public async Task LeaseKeyAsync_UnknownKey_IsRefusedAsNotFound()
    {
        await using var host = TestHost.Create();

        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(async () => await host.Ring.LeaseKeyAsync("tenant-a", DataClass.Personal, Guid.NewGuid()));

        Assert.Equal(KeyUnavailableReason.NotFound, ex.Reason);
        Assert.Equal(1, host.Metrics.Total("tekup.keys.refusals"));
    }

    [Fact]
    public async Task Dispose_ZeroesEveryCachedKey()
    {
        var host = TestHost.Create();
        var key = await host.Ring.GetActiveKeyAsync("tenant-a", DataClass.Personal);

        await host.DisposeAsync();

        Assert.True(key.IsDisposed);
    }

    public void Dispose() => _files.Dispose();
}
