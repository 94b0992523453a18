using TekUp.Security.Cryptography;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement.Tests.TestSupport;

namespace TekUp.Security.KeyManagement.Tests.Management;

public sealed class KeyManagerTests : IDisposable
{
    private static readonly byte[] Secret = "IBAN DK50 0040 0440 1162 43"u8.ToArray();
    private readonly TempFiles _files = new();

    [Fact]
    public async Task RotateAsync_OldRecordsStayReadable_NewRecordsUseTheNewKey()
    {
        await using var host = TestHost.Create();
        var before = await host.Encryption.EncryptAsync("tenant-a", DataClass.Financial, Secret);
        var firstKey = await host.Manager.EnsureActiveKeyAsync("tenant-a", DataClass.Financial);
        host.Time.Advance(TimeSpan.FromDays(1));

        var newKey = await host.Manager.RotateAsync("tenant-a", DataClass.Financial);
        var after = await host.Encryption.EncryptAsync("tenant-a", DataClass.Financial, Secret);

        Assert.NotEqual(firstKey.KeyId, newKey.KeyId);
        Assert.Equal(Secret, await host.Encryption.DecryptAsync("tenant-a", DataClass.Financial, before));
        Envelope.TryReadKeyId(after, out var afterKey);
        Assert.Equal(newKey.KeyId, afterKey);
        var keys = await host.Manager.ListKeysAsync("tenant-a");
        Assert.Equal([DataKeyState.Rotated, DataKeyState.Active], keys.Select(k => k.State));
        Assert.Equal(host.Time.GetUtcNow(), keys[0].RotatedAt);
        var rotated = Assert.Single(host.Audit.OfType("key.rotated"));
        Assert.Equal($"key:{firstKey.KeyId}", rotated.Resource);
        Assert.Equal(newKey.KeyId.ToString(), rotated.Data!["new_key_id"]);
        Assert.Equal("manual", rotated.Reason);
    }

    [Fact]
    public async Task RotateAsync_InParallelOnTwoSqliteInstances_LeavesOneActiveKey()
    {
        var file = _files.Path("rotate.db");
        var masterKey = TestHost.NewMasterKey();
        await using var first = TestHost.Create(sqlite: file, masterKey: masterKey);
        await using var second = TestHost.Create(sqlite: file, masterKey: masterKey);
        var original = await first.Manager.EnsureActiveKeyAsync("tenant-a", DataClass.Personal);
        using var start = new ManualResetEventSlim();

        var rotations = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await (i % 2 == 0 ? first : second).Manager.RotateAsync("tenant-a", DataClass.Personal);
        })).ToArray();
        start.Set();
        var results = await Task.WhenAll(rotations);

        var keys = await first.Manager.ListKeysAsync("tenant-a");
        var active = Assert.Single(keys, k => k.State == DataKeyState.Active);
        Assert.NotEqual(original.KeyId, active.KeyId);
        Assert.All(keys.Where(k => k.KeyId != active.KeyId), k => Assert.Equal(DataKeyState.Rotated, k.State));
        Assert.Contains(results, r => r.KeyId == active.KeyId);
    }

    [Fact]
    public async Task RevokeAsync_ActiveKey_IsRefusedAndTheNextEncryptionGetsANewKey()
    {
        await using var host = TestHost.Create();
        var ciphertext = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);
        Envelope.TryReadKeyId(ciphertext, out var keyId);

        var revoked = await host.Manager.RevokeAsync("tenant-a", keyId);
        var next = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);

        Assert.Equal(DataKeyState.Revoked, revoked!.State);
        Assert.Equal(host.Time.GetUtcNow(), revoked.RevokedAt);
        var ex = await Assert.ThrowsAsync<KeyUnavailableException>(async () => await host.Encryption.DecryptAsync("tenant-a", DataClass.Personal, ciphertext));
        Assert.Equal(KeyUnavailableReason.Revoked, ex.Reason);
        Envelope.TryReadKeyId(next, out var nextKeyId);
        Assert.NotEqual(keyId, nextKeyId);
        Assert.Single(host.Audit.OfType("key.revoked"));
        Assert.Equal(2, host.Audit.OfType("key.generated").Count);
    }

    [Fact]
    public async Task RevokeAsync_UnknownOrOtherTenantsKey_ReturnsNullAndChangesNothing()
    {
        await using var host = TestHost.Create();
        var key = await host.Manager.EnsureActiveKeyAsync("tenant-a", DataClass.Personal);

        Assert.Null(await host.Manager.RevokeAsync("tenant-b", key.KeyId));
        Assert.Null(await host.Manager.DestroyAsync("tenant-a", Guid.NewGuid()));
        Assert.Equal(DataKeyState.Active, (await host.Manager.ListKeysAsync("tenant-a"))[0].State);
        Assert.Empty(host.Audit.OfType("key.revoked"));
    }

    [Fact]
    public async Task DestroyAsync_RecordsUnreadableForGood_AlsoOnANewInstanceOfTheSqliteFile()
    {
        var file = _files.Path("shred.db");
        var masterKey = TestHost.NewMasterKey();
        byte[] personal, financial;
        Guid keyId;
        await using (var host = TestHost.Create(sqlite: file, masterKey: masterKey))
        {
            personal = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);
            financial = await host.Encryption.EncryptAsync("tenant-a", DataClass.Financial, Secret);
            Envelope.TryReadKeyId(personal, out keyId);

            var destroyed = await host.Manager.DestroyAsync("tenant-a", keyId);

            Assert.Equal(DataKeyState.Destroyed, destroyed!.State);
            var ex = await Assert.ThrowsAsync<KeyUnavailableException>(async () => await host.Encryption.DecryptAsync("tenant-a", DataClass.Personal, personal));
            Assert.Equal(KeyUnavailableReason.Destroyed, ex.Reason);
            var audit = Assert.Single(host.Audit.OfType("key.destroyed"));
            Assert.Equal("active", audit.Data!["previous_state"]);
        }

        await using (var restarted = TestHost.Create(sqlite: file, masterKey: masterKey))
        {
            var ex = await Assert.ThrowsAsync<KeyUnavailableException>(async () => await restarted.Encryption.DecryptAsync("tenant-a", DataClass.Personal, personal));
            Assert.Equal(KeyUnavailableReason.Destroyed, ex.Reason);
            Assert.Equal(Secret, await restarted.Encryption.DecryptAsync("tenant-a", DataClass.Financial, financial));
            var record = await restarted.Store.FindAsync("tenant-a", keyId);
            Assert.Null(record!.WrappedKey);
        }
    }

    [Fact]
    public async Task DestroyAllAsync_OneClass_ShredsEveryKeyOfThatClassOnly()
    {
        await using var host = TestHost.Create();
        var oldPersonal = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);
        await host.Manager.RotateAsync("tenant-a", DataClass.Personal);
        var newPersonal = await host.Encryption.EncryptAsync("tenant-a", DataClass.Personal, Secret);
        var general = await host.Encryption.EncryptAsync("tenant-a", DataClass.General, Secret);
        var otherTenant = await host.Encryption.EncryptAsync("tenant-b", DataClass.Personal, Secret);

        var destroyed = await host.Manager.DestroyAllAsync("tenant-a", DataClass.Personal);

        Assert.Equal(2, destroyed.Count);
        await Assert.ThrowsAsync<KeyUnavailableException>(async () => await host.Encryption.DecryptAsync("tenant-a", DataClass.Personal, oldPersonal));
        await Assert.ThrowsAsync<KeyUnavailableException>(async () => await host.Encryption.DecryptAsync("tenant-a", DataClass.Personal, newPersonal));
        Assert.Equal(Secret, await host.Encryption.DecryptAsync("tenant-a", DataClass.General, general));
        Assert.Equal(Secret, await host.Encryption.DecryptAsync("tenant-b", DataClass.Personal, otherTenant));
        Assert.Empty(await host.Manager.DestroyAllAsync("tenant-a", DataClass.Personal));
    }

    [Fact]
    public async Task RotateKeyEncryptionKeyAsync_RewrapsEveryKey_DataStillDecrypts()
    {
        var file = _files.Path("kek.db");
        var oldMaster = TestHost.NewMasterKey();
        var newMaster = TestHost.NewMasterKey();
        byte[] ciphertext;
        DataKeyRecord before;
        await using (var host = TestHost.Create(sqlite: file, masterKey: oldMaster))
        {
            ciphertext = await host.Encryption.EncryptAsync("tenant-a", DataClass.Health, Secret);
            await host.Encryption.EncryptAsync("tenant-b", DataClass.General, Secret);
            var shredded = await host.Manager.EnsureActiveKeyAsync("tenant-c", DataClass.General);
            await host.Manager.DestroyAsync("tenant-c", shredded.KeyId);
            Envelope.TryReadKeyId(ciphertext, out var keyId);
            before = (await host.Store.FindAsync("tenant-a", keyId))!;
        }

        await using (var host = TestHost.Create(sqlite: file, masterKey: newMaster, configure: o => o.PreviousMasterKeys.Add(oldMaster)))
        {
            var result = await host.Manager.RotateKeyEncryptionKeyAsync();

            Assert.Equal(2, result.Rewrapped);
            Assert.Equal(0, result.AlreadyCurrent);
            var after = (await host.Store.FindAsync("tenant-a", before.KeyId))!;
            Assert.NotEqual(before.KeyEncryptionKeyId, after.KeyEncryptionKeyId);
            Assert.Equal(result.KeyEncryptionKeyId, after.KeyEncryptionKeyId);
            Assert.NotEqual(before.WrappedKey, after.WrappedKey);
            Assert.Equal(2, host.Audit.OfType("key.rewrapped").Count);
            Assert.Single(host.Audit.OfType("kek.rotated"));
            Assert.Equal(0, (await host.Manager.RotateKeyEncryptionKeyAsync()).Rewrapped);
        }

        // The old master key is no longer needed.
        await using (var host = TestHost.Create(sqlite: file, masterKey: newMaster))
        {
            Assert.Equal(Secret, await host.Encryption.DecryptAsync("tenant-a", DataClass.Health, ciphertext));
        }
    }

    [Fact]
    public async Task DecryptAsync_KeyWrappedUnderAMasterKeyNoLongerConfigured_ThrowsCryptographicException()
    {
        var file = _files.Path("lost.db");
        byte[] ciphertext;
        await using (var host = TestHost.Create(sqlite: file))
        {
            ciphertext = await host.Encryption.EncryptAsync("tenant-a", DataClass.Health, Secret);
        }

        await using var other = TestHost.Create(sqlite: file);

        var ex = await Assert.ThrowsAnyAsync<System.Security.Cryptography.CryptographicException>(async () => await other.Encryption.DecryptAsync("tenant-a", DataClass.Health, ciphertext));
        Assert.Contains("PreviousMasterKeys", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DataClass.Financial, 30)]
    [InlineData(DataClass.Health, 30)]
    [InlineData(DataClass.Personal, 90)]
    [InlineData(DataClass.General, 365)]
    public async Task RotateDueKeysAsync_AtTheClassBoundary_RotatesAndNotBefore(DataClass dataClass, int days)
    {
        await using var host = TestHost.Create(configure: o => o.CacheLifetime = TimeSpan.FromHours(24));
        var key = await host.Manager.EnsureActiveKeyAsync("tenant-a", dataClass);

        host.Time.Advance(TimeSpan.FromDays(days) - TimeSpan.FromMilliseconds(1));
        Assert.Empty(await host.Manager.RotateDueKeysAsync());

        host.Time.Advance(TimeSpan.FromMilliseconds(1));
        var rotation = Assert.Single(await host.Manager.RotateDueKeysAsync());

        Assert.Equal(key.KeyId, rotation.PreviousKeyId);
        Assert.Equal(KeyRotationReason.Schedule, rotation.Reason);
        Assert.Equal(dataClass, rotation.DataClass);
        Assert.Empty(await host.Manager.RotateDueKeysAsync());
        Assert.Equal(rotation.KeyId, (await host.Ring.GetActiveKeyAsync("tenant-a", dataClass)).KeyId);
    }

    [Fact]
    public async Task RotateDueKeysAsync_ConfiguredPeriodAndUseCount_AreHonoured()
    {
        await using var host = TestHost.Create(configure: o =>
        {
            o.GeneralRotationPeriod = TimeSpan.FromDays(7);
            o.MaxKeyUses = 5;
            o.UseCountFlushThreshold = 5;
        });
        await host.Manager.EnsureActiveKeyAsync("tenant-a", DataClass.General);
        var personal = await host.Manager.EnsureActiveKeyAsync("tenant-b", DataClass.Personal);
        await host.Store.AddUsageAsync("tenant-b", personal.KeyId, 5);

        host.Time.Advance(TimeSpan.FromDays(7));
        var rotations = await host.Manager.RotateDueKeysAsync();

        Assert.Equal(2, rotations.Count);
        Assert.Equal(KeyRotationReason.Schedule, rotations.Single(r => r.TenantId == "tenant-a").Reason);
        Assert.Equal(KeyRotationReason.UseCount, rotations.Single(r => r.TenantId == "tenant-b").Reason);
    }

    [Fact]
    public async Task RotateDueKeysAsync_OnTwoSqliteInstancesAtOnce_RotatesEachKeyOnce()
    {
        var file = _files.Path("due.db");
        var masterKey = TestHost.NewMasterKey();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestHost.Start);
        await using var first = TestHost.Create(sqlite: file, masterKey: masterKey, time: time);
        await using var second = TestHost.Create(sqlite: file, masterKey: masterKey, time: time);
        foreach (var tenant in new[] { "t1", "t2", "t3" })
        {
            await first.Manager.EnsureActiveKeyAsync(tenant, DataClass.Financial);
        }

        time.Advance(TimeSpan.FromDays(31));
        var results = await Task.WhenAll(Task.Run(() => first.Manager.RotateDueKeysAsync()), Task.Run(() => second.Manager.RotateDueKeysAsync()));

        Assert.Equal(3, results.Sum(r => r.Count));
        foreach (var tenant in new[] { "t1", "t2", "t3" })
        {
            var keys = await first.Manager.ListKeysAsync(tenant);
            Assert.Equal(2, keys.Count);
            Assert.Single(keys, k => k.State == DataKeyState.Active);
        }
    }

    [Fact]
    public async Task BackgroundService_WhenEnabled_RotatesDueKeysEveryInterval()
    {
        await using var host = TestHost.Create(configure: o =>
        {
            o.EnableBackgroundRotation = true;
            o.BackgroundRotationInterval = TimeSpan.FromHours(1);
        });
        var key = await host.Manager.EnsureActiveKeyAsync("tenant-a", DataClass.Financial);
        var service = Assert.Single(host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>());
        await service.StartAsync(CancellationToken.None);

        host.Time.Advance(TimeSpan.FromDays(30));
        await WaitUntilAsync(async () => (await host.Manager.ListKeysAsync("tenant-a")).Count == 2);

        Assert.Equal(DataKeyState.Rotated, (await host.Manager.ListKeysAsync("tenant-a")).Single(k => k.KeyId == key.KeyId).State);
        await service.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task BackgroundService_ByDefault_DoesNothing()
    {
        await using var host = TestHost.Create();
        await host.Manager.EnsureActiveKeyAsync("tenant-a", DataClass.Financial);
        var service = Assert.Single(host.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>());
        await service.StartAsync(CancellationToken.None);

        host.Time.Advance(TimeSpan.FromDays(60));
        await Task.Delay(50);

        Assert.Single(await host.Manager.ListKeysAsync("tenant-a"));
        await service.StopAsync(CancellationToken.None);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("$audit-signing")]
    public async Task Manager_MalformedTenantId_ThrowsArgumentException(string tenantId)
    {
        await using var host = TestHost.Create();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => host.Manager.RotateAsync(tenantId, DataClass.General));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => host.Manager.RevokeAsync(tenantId, Guid.NewGuid()));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => host.Manager.DestroyAllAsync(tenantId));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => host.Manager.ListKeysAsync(tenantId));
    }

    [Fact]
    public async Task ListKeysAsync_ReturnsMetadataOfTheTenantOnly()
    {
        await using var host = TestHost.Create();
        await host.Manager.EnsureActiveKeyAsync("tenant-a", DataClass.General);
        await host.Manager.EnsureActiveKeyAsync("tenant-b", DataClass.General);
        for (var i = 0; i < 3; i++)
        {
            await host.Encryption.EncryptAsync("tenant-a", DataClass.General, Secret);
        }

        await host.DefaultRing.SweepAsync();
        var key = Assert.Single(await host.Manager.ListKeysAsync("tenant-a"));

        Assert.IsType<DataKeyInfo>(key, exactMatch: true);
        Assert.Equal("tenant-a", key.TenantId);
        Assert.Equal(3, key.UseCount);
        Assert.StartsWith("local-", key.KeyEncryptionKeyId, StringComparison.Ordinal);
        Assert.Equal(TestHost.Start, key.CreatedAt);
    }

    public void Dispose() => _files.Dispose();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200 && !await condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(await condition());
    }
}
