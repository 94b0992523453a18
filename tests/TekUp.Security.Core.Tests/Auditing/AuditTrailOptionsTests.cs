using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using TekUp.Security.Auditing;

namespace TekUp.Security.Core.Tests.Auditing;

public sealed class AuditTrailOptionsTests
{
    private static ServiceProvider Build(Action<AuditTrailOptions> configure, bool requireProductionKeys = false, Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddTekUpSecurity(o => o.RequireProductionKeys = requireProductionKeys).UseInMemoryStores().ConfigureAuditTrail(configure);
        services?.Invoke(collection);
        return collection.BuildServiceProvider();
    }

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        using var provider = Build(_ => { });

        var options = provider.GetRequiredService<IOptions<AuditTrailOptions>>().Value;

        Assert.Equal(10_000, options.QueueCapacity);
        Assert.Equal(512, options.BatchSize);
        Assert.Equal(1_000, options.CheckpointInterval);
    }

    [Fact]
    public void Validate_EveryProblem_IsListedInOneMessage()
    {
        using var provider = Build(o =>
        {
            o.SigningKey = Convert.ToBase64String(new byte[16]);
            o.PseudonymKey = "not base64!";
            o.SigningKeyId = "bad id";
            o.QueueCapacity = 0;
            o.BatchSize = 0;
            o.CheckpointInterval = 0;
            o.MaxRetryDelay = TimeSpan.Zero;
            o.PreviousSigningKeys["old"] = "short";
        });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuditTrailOptions>>().Value);

        Assert.Equal(8, error.Failures.Count());
    }

    [Fact]
    public void Validate_RequireProductionKeysWithoutKeys_FailsAtStart()
    {
        using var provider = Build(_ => { }, requireProductionKeys: true);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuditTrailOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains("SigningKey", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("PseudonymKey", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_RequireProductionKeysWithAnotherKeyProvider_Succeeds()
    {
        using var provider = Build(_ => { }, requireProductionKeys: true, services: s =>
            s.Replace(ServiceDescriptor.Singleton<IAuditKeyProvider>(AuditTestHost.OfflineKeys())));

        Assert.NotNull(provider.GetRequiredService<IOptions<AuditTrailOptions>>().Value);
    }

    [Fact]
    public void KeyProvider_NoKeysConfigured_GeneratesEphemeralKeys()
    {
        using var provider = Build(_ => { });

        var keys = Assert.IsType<OptionsAuditKeyProvider>(provider.GetRequiredService<IAuditKeyProvider>());

        Assert.True(keys.IsEphemeral);
        Span<byte> signature = stackalloc byte[32];
        var keyId = keys.Sign("data"u8, signature);
        Assert.StartsWith("ephemeral-", keyId, StringComparison.Ordinal);
        Assert.True(keys.Verify(keyId, "data"u8, signature));
        Assert.False(keys.Verify(keyId, "other"u8, signature));
        Assert.False(keys.Verify("unknown", "data"u8, signature));
        Assert.False(keys.Verify(keyId, "data"u8, signature[..31]));
    }

    [Fact]
    public void KeyProvider_Configured_SignsWithConfiguredKeyAndVerifiesPreviousKeys()
    {
        var old = AuditTestHost.OfflineKeys(keyId: "old-1");
        using var provider = Build(o =>
        {
            o.SigningKey = Convert.ToBase64String(Enumerable.Range(7, 40).Select(i => (byte)i).ToArray());
            o.SigningKeyId = "new-1";
            o.PseudonymKey = AuditTestHost.PseudonymKey;
            o.PreviousSigningKeys["old-1"] = AuditTestHost.SigningKey;
        });
        var keys = provider.GetRequiredService<IAuditKeyProvider>();
        Span<byte> oldSignature = stackalloc byte[32];
        Span<byte> newSignature = stackalloc byte[32];

        old.Sign("checkpoint"u8, oldSignature);
        var keyId = keys.Sign("checkpoint"u8, newSignature);

        Assert.Equal("new-1", keyId);
        Assert.True(keys.Verify("old-1", "checkpoint"u8, oldSignature));
        Assert.False(keys.Verify("new-1", "checkpoint"u8, oldSignature));
        Assert.Equal(old.Pseudonymize("alice"), keys.Pseudonymize("alice"));
        Assert.Equal(43, keys.Pseudonymize("alice").Length);
    }

    [Fact]
    public void KeyProvider_Disposed_RefusesToSign()
    {
        var keys = AuditTestHost.OfflineKeys();
        keys.Dispose();

        Assert.Throws<ObjectDisposedException>(() => keys.Sign("x"u8, new byte[32]));
    }
}
