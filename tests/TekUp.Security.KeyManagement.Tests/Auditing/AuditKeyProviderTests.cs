using Microsoft.Extensions.Time.Testing;
using TekUp.Security.Auditing;
using TekUp.Security.DataClasses;
using TekUp.Security.KeyManagement.Tests.TestSupport;

namespace TekUp.Security.KeyManagement.Tests.Auditing;

/// <summary>KeyManagement with the real audit trail on SQLite: lifecycle entries, and audit keys that survive restarts and KEK rotation.</summary>
public sealed class AuditKeyProviderTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly FakeTimeProvider _time = new(TestHost.Start);

    [Fact]
    public void AddKeyManagement_ReplacesTheAuditKeyProvider()
    {
        using var services = Build(_files.Path("a.db"), TestHost.NewMasterKey());

        Assert.IsType<KeyManagementAuditKeyProvider>(services.GetRequiredService<IAuditKeyProvider>());
    }

    [Fact]
    public async Task Lifecycle_IsAuditedInTheRealTrail_AndTheChainVerifies()
    {
        var master = TestHost.NewMasterKey();
        await using var services = Build(_files.Path("trail.db"), master);
        var encryption = services.GetRequiredService<IEncryptionService>();
        var manager = services.GetRequiredService<IKeyManager>();
        var trail = services.GetRequiredService<IAuditTrail>();

        var ciphertext = await encryption.EncryptAsync("tenant-a", DataClass.Personal, "x"u8.ToArray());
        for (var i = 0; i < 10; i++)
        {
            await encryption.DecryptAsync("tenant-a", DataClass.Personal, ciphertext);
        }

        var rotated = await manager.RotateAsync("tenant-a", DataClass.Personal);
        await manager.DestroyAsync("tenant-a", rotated.KeyId);
        await trail.FlushAsync();

        var types = new List<string>();
        await foreach (var entry in trail.QueryAsync(new AuditQuery { TenantId = "tenant-a" }))
        {
            types.Add(entry.EventType);
        }

        Assert.Equal(["key.generated", "key.rotated", "key.destroyed"], types);
        Assert.True((await trail.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task SigningAndPseudonymKeys_SurviveARestartAndAKeyEncryptionKeyRotation()
    {
        var file = _files.Path("restart.db");
        var oldMaster = TestHost.NewMasterKey();
        var newMaster = TestHost.NewMasterKey();
        string pseudonym, signingKeyId;
        await using (var services = Build(file, oldMaster))
        {
            await services.GetRequiredService<IEncryptionService>().EncryptAsync("tenant-a", DataClass.General, "x"u8.ToArray());
            var trail = services.GetRequiredService<IAuditTrail>();
            await trail.AppendAsync(new AuditRecord { EventType = "test.subject", Subject = "jens@example.dk" });
            await trail.FlushAsync();
            pseudonym = services.GetRequiredService<IAuditKeyProvider>().Pseudonymize("jens@example.dk");
            signingKeyId = services.GetRequiredService<IAuditKeyProvider>().Sign([1, 2, 3], new byte[32]);
            Assert.StartsWith(KeyManagementAuditKeyProvider.KeyIdPrefix, signingKeyId, StringComparison.Ordinal);
        }

        await using (var services = Build(file, newMaster, o => o.PreviousMasterKeys.Add(oldMaster)))
        {
            var result = await services.GetRequiredService<IKeyManager>().RotateKeyEncryptionKeyAsync();
            Assert.Equal(3, result.Rewrapped); // tenant-a's key and the two audit keys
            await services.GetRequiredService<IAuditTrail>().FlushAsync();
        }

        await using (var services = Build(file, newMaster))
        {
            var keys = services.GetRequiredService<IAuditKeyProvider>();
            Assert.Equal(pseudonym, keys.Pseudonymize("jens@example.dk"));
            Assert.Equal(signingKeyId, keys.Sign([1, 2, 3], new byte[32]));
            Assert.True((await services.GetRequiredService<IAuditTrail>().VerifyAsync()).IsValid);
        }
    }

    [Fact]
    public async Task RotateAuditSigningKeyAsync_NewKeySigns_OldCheckpointsStillVerify()
    {
        var file = _files.Path("signing.db");
        var master = TestHost.NewMasterKey();
        await using var services = Build(file, master);
        var keys = services.GetRequiredService<IAuditKeyProvider>();
        var trail = services.GetRequiredService<IAuditTrail>();
        await trail.AppendAsync(new AuditRecord { EventType = "test.before" });
        await trail.FlushAsync();
        var data = "checkpoint"u8.ToArray();
        var oldSignature = new byte[32];
        var oldId = keys.Sign(data, oldSignature);

        var newId = await services.GetRequiredService<IKeyManager>().RotateAuditSigningKeyAsync();
        _time.Advance(TimeSpan.FromMinutes(5));
        var newSignature = new byte[32];

        Assert.Equal(newId, keys.Sign(data, newSignature));
        Assert.NotEqual(oldId, newId);
        Assert.True(keys.Verify(oldId, data, oldSignature));
        Assert.True(keys.Verify(newId, data, newSignature));
        Assert.False(keys.Verify(newId, data, oldSignature));
        Assert.True(((IAuditKeyDirectory)keys).ContainsSigningKey(oldId));
        await trail.AppendAsync(new AuditRecord { EventType = "test.after" });
        await trail.FlushAsync();
        Assert.True((await trail.VerifyAsync()).IsValid);
    }

    [Fact]
    public async Task Verify_UnknownOrMalformedKeyId_ReturnsFalse()
    {
        await using var services = Build(_files.Path("unknown.db"), TestHost.NewMasterKey());
        var keys = services.GetRequiredService<IAuditKeyProvider>();
        var signature = new byte[32];
        keys.Sign("x"u8, signature);

        Assert.False(keys.Verify(KeyManagementAuditKeyProvider.SigningKeyId(Guid.NewGuid()), "x"u8, signature));
        Assert.False(keys.Verify("tekup-key-not-a-guid", "x"u8, signature));
        Assert.False(keys.Verify("audit-1", "x"u8, signature));
        Assert.False(((IAuditKeyDirectory)keys).ContainsSigningKey("audit-1"));
    }

    [Fact]
    public async Task ConfiguredAuditOptionKeys_StillVerifyAndKeepPseudonymsStable()
    {
        var signingKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)i).ToArray());
        var pseudonymKey = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(255 - i)).ToArray());
        using var options = new OptionsAuditKeyProvider(Microsoft.Extensions.Options.Options.Create(new AuditTrailOptions { SigningKey = signingKey, PseudonymKey = pseudonymKey }));
        var signature = new byte[32];
        var id = options.Sign("old checkpoint"u8, signature);

        await using var services = Build(_files.Path("compat.db"), TestHost.NewMasterKey(), configureServices: s => s.Configure<AuditTrailOptions>(o =>
        {
            o.SigningKey = signingKey;
            o.PseudonymKey = pseudonymKey;
        }));
        var keys = services.GetRequiredService<IAuditKeyProvider>();

        Assert.True(keys.Verify(id, "old checkpoint"u8, signature));
        Assert.Equal(options.Pseudonymize("jens@example.dk"), keys.Pseudonymize("jens@example.dk"));
        Assert.NotEqual(id, keys.Sign("new"u8, new byte[32]));
    }

    public void Dispose() => _files.Dispose();

    private ServiceProvider Build(string file, string masterKey, Action<KeyManagementOptions>? configure = null, Action<IServiceCollection>? configureServices = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddTekUpSecurity().UseSqlite($"Data Source={file}").AddKeyManagement(o =>
        {
            o.MasterKey = masterKey;
            o.MasterKeyEnvironmentVariable = "TEKUP_TEST_UNSET_" + Guid.NewGuid().ToString("N");
            configure?.Invoke(o);
        });
        configureServices?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
